package dev.weft.yarn.am.security;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Delegation tokens obtained by a user logged in from a keytab (or by the user it impersonates),
 * for the ApplicationMaster's {@link TokenRefresher}: each time it first logs in again from the
 * keytab when its ticket is about to expire.
 */
public final class KeytabTokenSource implements TokenRefresher.Source {
  private final Configuration conf;
  private final List<URI> fileSystems;
  private final UserGroupInformation login;
  private final UserGroupInformation effective;

  private KeytabTokenSource(
      Configuration conf,
      List<URI> fileSystems,
      UserGroupInformation login,
      UserGroupInformation effective) {
    this.conf = conf;
    this.fileSystems = List.copyOf(fileSystems);
    this.login = login;
    this.effective = effective;
  }

  /**
   * Logs {@code principal} in from {@code keytab}; tokens are then obtained as {@code proxyUser}
   * when given, else as the principal.
   *
   * @throws IOException with a one-line reason when the login fails
   */
  public static KeytabTokenSource login(
      Configuration conf, String principal, File keytab, String proxyUser, List<URI> fileSystems)
      throws IOException {
    UserGroupInformation login = loginFromKeytab(principal, keytab);
    UserGroupInformation effective =
        proxyUser == null || proxyUser.isBlank()
            ? login
            : UserGroupInformation.createProxyUser(proxyUser, login);
    return new KeytabTokenSource(conf, fileSystems, login, effective);
  }

  /**
   * Logs {@code principal} in from {@code keytab} without changing the process's login user.
   *
   * @throws IOException naming the principal, the keytab and Kerberos' reason when it fails
   */
  public static UserGroupInformation loginFromKeytab(String principal, File keytab)
      throws IOException {
    if (!keytab.isFile() || !keytab.canRead()) {
      throw new IOException("Keytab " + keytab + " is not a readable file");
    }
    try {
      return UserGroupInformation.loginUserFromKeytabAndReturnUGI(principal, keytab.getPath());
    } catch (IOException | RuntimeException e) {
      throw new IOException(loginFailure(principal, keytab.toString(), e), e);
    }
  }

  /** {@code Kerberos login of P from keytab K failed: <innermost reason>}. */
  public static String loginFailure(String principal, String keytab, Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int nl = reason.indexOf('\n');
    return "Kerberos login of "
        + principal
        + " from keytab "
        + keytab
        + " failed: "
        + (nl < 0 ? reason : reason.substring(0, nl)).strip();
  }

  @Override
  public TokenRefresher.Obtained obtain() throws Exception {
    login.checkTGTAndReloginFromKeytab();
    return effective.doAs(
        (PrivilegedExceptionAction<TokenRefresher.Obtained>)
            () -> {
              Credentials tokens =
                  DelegationTokens.obtain(conf, fileSystems, effective.getShortUserName());
              // The renewal that tells the expiry must run as the tokens' renewer: this user.
              return new TokenRefresher.Obtained(
                  tokens, DelegationTokens.firstExpiry(tokens, conf, true));
            });
  }
}
