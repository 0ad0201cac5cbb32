package dev.weft.client;

import dev.weft.core.config.WeftConfig;
import dev.weft.yarn.am.YarnConfig;
import dev.weft.yarn.am.security.KeytabTokenSource;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.security.PrivilegedExceptionAction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * The Hadoop user {@code yarn-submit} acts as. Hadoop's security is configured from the cluster's
 * configuration ({@code hadoop.security.authentication} of {@code HADOOP_CONF_DIR}) before the
 * first call to the cluster; on a Kerberos cluster the user logs in from {@code --keytab} when
 * given, else from the ticket cache of {@code kinit}, as Hadoop's own commands do. With {@code
 * --proxy-user} the logged-in user impersonates that user.
 */
final class ClientLogin {
  private ClientLogin() {}

  /** Something done as the submitting user. */
  interface Action<T> {
    T run() throws SubmitException;
  }

  /**
   * Configures Hadoop's security from {@code clusterConf} and logs in.
   *
   * @throws SubmitException in one line when the options do not go together, the keytab does not
   *     log in, or a Kerberos cluster finds no ticket
   */
  static UserGroupInformation login(Configuration clusterConf, WeftConfig config)
      throws SubmitException {
    String principal = config.get(YarnConfig.PRINCIPAL);
    String keytab = config.get(YarnConfig.KEYTAB);
    String proxyUser = config.get(YarnConfig.PROXY_USER);
    if ((principal == null) != (keytab == null)) {
      throw new SubmitException(
          principal == null
              ? "--keytab " + keytab + " needs --principal: the principal whose keys it holds"
              : "--principal " + principal + " needs --keytab: the file of its keys");
    }
    try {
      UserGroupInformation.setConfiguration(clusterConf);
    } catch (RuntimeException e) {
      // e.g. "Can't get Kerberos realm": no krb5.conf on this machine.
      throw new SubmitException(
          "Cannot set up Hadoop's security from the cluster's configuration"
              + " (hadoop.security.authentication="
              + clusterConf.get("hadoop.security.authentication", "simple")
              + "): "
              + YarnSubmit.describe(YarnSubmit.rootCause(e))
              + "; check /etc/krb5.conf, or pass -Djava.security.krb5.conf=<file> in WEFT_JAVA_OPTS",
          e);
    }
    boolean kerberos = UserGroupInformation.isSecurityEnabled();
    UserGroupInformation user;
    try {
      if (principal != null) {
        if (!kerberos) {
          throw new SubmitException(
              "--principal "
                  + principal
                  + " needs a Kerberos cluster, but hadoop.security.authentication is '"
                  + clusterConf.get("hadoop.security.authentication", "simple")
                  + "' in the cluster's configuration (HADOOP_CONF_DIR)");
        }
        File file = new File(keytab);
        if (!file.isFile() || !file.canRead()) {
          throw new SubmitException("Keytab " + keytab + " (--keytab) is not a readable file");
        }
        try {
          UserGroupInformation.loginUserFromKeytab(principal, file.getPath());
        } catch (IOException | RuntimeException e) {
          throw new SubmitException(KeytabTokenSource.loginFailure(principal, keytab, e), e);
        }
        user = UserGroupInformation.getLoginUser();
      } else {
        user = UserGroupInformation.getCurrentUser();
        if (kerberos && !user.hasKerberosCredentials() && !hasTokens(user)) {
          throw new SubmitException(
              "The cluster uses Kerberos (hadoop.security.authentication=kerberos) but "
                  + user.getUserName()
                  + " has no Kerberos ticket: run kinit, or pass --principal and --keytab");
        }
      }
    } catch (IOException e) {
      throw new SubmitException(
          "Cannot log in to the cluster as the current user: " + YarnSubmit.describe(e), e);
    }
    if (proxyUser == null || proxyUser.isBlank()) {
      return user;
    }
    return UserGroupInformation.createProxyUser(proxyUser, user);
  }

  private static boolean hasTokens(UserGroupInformation user) {
    return !user.getCredentials().getAllTokens().isEmpty();
  }

  /** Runs {@code action} as {@code user}, so every Hadoop call in it is made as that user. */
  static <T> T as(UserGroupInformation user, Action<T> action) throws SubmitException {
    try {
      return user.doAs((PrivilegedExceptionAction<T>) action::run);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SubmitException("Interrupted", YarnSubmit.EXIT_JOB_FAILED);
    } catch (IOException | UndeclaredThrowableException e) {
      Throwable cause = e instanceof UndeclaredThrowableException u ? u.getCause() : e;
      if (cause instanceof SubmitException s) {
        throw s;
      }
      throw new SubmitException("Submission failed: " + YarnSubmit.describe(cause), cause);
    }
  }
}
