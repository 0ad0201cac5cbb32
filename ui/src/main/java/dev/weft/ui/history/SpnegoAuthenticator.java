package dev.weft.ui.history;

import dev.weft.ui.HttpAuthenticator;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Properties;
import org.apache.hadoop.security.authentication.client.AuthenticationException;
import org.apache.hadoop.security.authentication.server.AuthenticationToken;
import org.apache.hadoop.security.authentication.server.KerberosAuthenticationHandler;
import org.apache.hadoop.shaded.javax.servlet.http.HttpServletRequest;
import org.apache.hadoop.shaded.javax.servlet.http.HttpServletResponse;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * SPNEGO (Kerberos over HTTP) for the history server, by Hadoop's own {@link
 * KerberosAuthenticationHandler}, configured as Hadoop's web UIs are: {@code
 * hadoop.http.authentication.kerberos.principal} (usually {@code HTTP/_HOST@REALM}), {@code
 * hadoop.http.authentication.kerberos.keytab} and {@code
 * hadoop.http.authentication.kerberos.name.rules}. Each request negotiates (no signed cookie).
 * Hadoop's client jars relocate the servlet API the handler takes; the request and response handed
 * to it are views of the header and status only.
 */
public final class SpnegoAuthenticator implements HttpAuthenticator, AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(SpnegoAuthenticator.class);
  private final KerberosAuthenticationHandler handler = new KerberosAuthenticationHandler();

  /**
   * Logs the HTTP service principal in from its keytab.
   *
   * @param principal the service principal, {@code HTTP/<host>@REALM} (or {@code *} for every
   *     {@code HTTP/} principal of the keytab)
   * @param keytab its keytab file
   * @param nameRules the {@code auth_to_local} rules from principals to short user names, or null
   * @throws IllegalArgumentException naming the principal and keytab when the login fails
   */
  public SpnegoAuthenticator(String principal, String keytab, String nameRules) {
    Properties p = new Properties();
    p.setProperty(KerberosAuthenticationHandler.PRINCIPAL, principal);
    p.setProperty(KerberosAuthenticationHandler.KEYTAB, keytab);
    if (nameRules != null && !nameRules.isBlank()) {
      p.setProperty(KerberosAuthenticationHandler.NAME_RULES, nameRules);
    }
    try {
      handler.init(p);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "SPNEGO login of "
              + principal
              + " from keytab "
              + keytab
              + " failed (hadoop.http.authentication.kerberos.principal/keytab): "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public Outcome authenticate(String authorization, String serverName) {
    String[] challenge = new String[1];
    int[] status = {200};
    HttpServletRequest request =
        proxy(
            HttpServletRequest.class,
            (self, method, args) ->
                switch (method.getName()) {
                  case "getHeader" ->
                      "Authorization".equalsIgnoreCase((String) args[0]) ? authorization : null;
                  case "getServerName" -> serverName;
                  default -> defaultValue(method.getReturnType());
                });
    HttpServletResponse response =
        proxy(
            HttpServletResponse.class,
            (self, method, args) -> {
              switch (method.getName()) {
                case "setHeader", "addHeader" -> {
                  if ("WWW-Authenticate".equalsIgnoreCase((String) args[0])) {
                    challenge[0] = (String) args[1];
                  }
                }
                case "setStatus", "sendError" -> status[0] = (Integer) args[0];
                default -> {
                  // nothing else is used
                }
              }
              return defaultValue(method.getReturnType());
            });
    try {
      AuthenticationToken token = handler.authenticate(request, response);
      if (token != null && status[0] < 400) {
        return new Outcome(token.getUserName(), 200, challenge[0]);
      }
      return new Outcome(null, status[0] >= 400 ? status[0] : 401, challenge[0]);
    } catch (AuthenticationException | java.io.IOException | RuntimeException e) {
      LOG.debug("SPNEGO authentication failed", e);
      return new Outcome(null, 403, null);
    }
  }

  @Override
  public void close() {
    handler.destroy();
  }

  private static <T> T proxy(Class<T> type, InvocationHandler h) {
    return type.cast(
        Proxy.newProxyInstance(
            SpnegoAuthenticator.class.getClassLoader(), new Class<?>[] {type}, h));
  }

  private static Object defaultValue(Class<?> type) {
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class || type == long.class || type == short.class || type == byte.class) {
      return type == long.class ? (Object) 0L : (Object) 0;
    }
    return null;
  }
}
