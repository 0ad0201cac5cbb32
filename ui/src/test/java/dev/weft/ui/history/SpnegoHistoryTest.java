package dev.weft.ui.history;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.weft.core.status.AppStatusStore;
import dev.weft.core.status.EventLogWriter;
import dev.weft.core.status.StatusEvent;
import dev.weft.ui.UiServer;
import java.io.File;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.LoginContext;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.minikdc.MiniKdc;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The history server under Kerberos: SPNEGO (Hadoop's handler, against a MiniKdc) names the request
 * user, and with weft.history.ui.acls.enable only those the application's view ACLs admit see it.
 * Ann owns the application, Carl is in weft.ui.view.acls, Bob is neither.
 */
public class SpnegoHistoryTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static MiniKdc kdc;
  private static File keytab;
  private static SpnegoAuthenticator spnego;
  private static UiServer server;

  @BeforeClass
  public static void start() throws Exception {
    kdc = new MiniKdc(MiniKdc.createConf(), TMP.newFolder("kdc"));
    kdc.start();
    keytab = new File(TMP.getRoot(), "all.keytab");
    kdc.createPrincipal(keytab, "HTTP/localhost", "ann", "bob", "carl");
    String realm = kdc.getRealm();
    spnego =
        new SpnegoAuthenticator(
            "HTTP/localhost@" + realm,
            keytab.getPath(),
            "RULE:[1:$1@$0](.*@" + realm + ")s/@.*//\nDEFAULT");

    Path dir = TMP.newFolder("history").toPath();
    EventLogWriter w =
        new EventLogWriter(
            new org.apache.hadoop.fs.Path(dir.toUri()), "app_1", "1", new Configuration(), () -> 0);
    // The application itself did not turn ACLs on: the history server's switch does.
    w.accept(
        new StatusEvent.AppStarted(
            1000, "app_1", "1", "etl", "ann", Map.of("weft.ui.view.acls", "carl")));
    w.accept(new StatusEvent.AppEnded(1005, null));
    w.close();
    FileSystem fs = FileSystem.getLocal(new Configuration());
    HistoryProvider provider =
        new HistoryProvider(
            fs,
            fs.makeQualified(new org.apache.hadoop.fs.Path(dir.toUri())),
            AppStatusStore.Limits.DEFAULT,
            0,
            System::currentTimeMillis);
    server = new UiServer(0, new HistoryRouter(provider, user -> Set.of(), true), null, spnego);
  }

  @AfterClass
  public static void stop() {
    if (server != null) {
      server.close();
    }
    if (spnego != null) {
      spnego.close();
    }
    if (kdc != null) {
      kdc.stop();
    }
  }

  private static int get(String user) throws Exception {
    HttpURLConnection c =
        (HttpURLConnection)
            new URL("http://localhost:" + server.port() + "/history/app_1_1/").openConnection();
    if (user != null) {
      c.setRequestProperty("Authorization", negotiate(user + "@" + kdc.getRealm()));
    }
    return c.getResponseCode();
  }

  @Test
  public void theOwnerAndViewersGetTheApplicationOthersAreRefused() throws Exception {
    assertEquals("the owner", 200, get("ann"));
    assertEquals("weft.ui.view.acls", 200, get("carl"));
    assertEquals("authenticated but not allowed", 403, get("bob"));
  }

  @Test
  public void aRequestWithoutCredentialsIsAskedToNegotiate() throws Exception {
    HttpURLConnection c =
        (HttpURLConnection)
            new URL("http://localhost:" + server.port() + "/history/app_1_1/").openConnection();
    assertEquals(401, c.getResponseCode());
    assertTrue(c.getHeaderField("WWW-Authenticate").startsWith("Negotiate"));
  }

  /** A SPNEGO token of {@code principal} for HTTP/localhost, as curl --negotiate sends it. */
  private static String negotiate(String principal) throws Exception {
    LoginContext login =
        new LoginContext(
            "",
            new Subject(),
            null,
            new javax.security.auth.login.Configuration() {
              @Override
              public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {
                  new AppConfigurationEntry(
                      "com.sun.security.auth.module.Krb5LoginModule",
                      AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                      Map.of(
                          "useKeyTab", "true",
                          "keyTab", keytab.getPath(),
                          "principal", principal,
                          "storeKey", "false",
                          "doNotPrompt", "true",
                          "refreshKrb5Config", "true"))
                };
              }
            });
    login.login();
    try {
      return Subject.doAs(
          login.getSubject(),
          (PrivilegedExceptionAction<String>)
              () -> {
                GSSManager gss = GSSManager.getInstance();
                GSSContext ctx =
                    gss.createContext(
                        gss.createName("HTTP@localhost", GSSName.NT_HOSTBASED_SERVICE),
                        new Oid("1.3.6.1.5.5.2"),
                        null,
                        GSSContext.DEFAULT_LIFETIME);
                try {
                  byte[] token = ctx.initSecContext(new byte[0], 0, 0);
                  return "Negotiate " + Base64.getEncoder().encodeToString(token);
                } finally {
                  ctx.dispose();
                }
              });
    } finally {
      login.logout();
    }
  }
}
