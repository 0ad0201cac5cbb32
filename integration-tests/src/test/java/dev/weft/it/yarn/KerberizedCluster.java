package dev.weft.it.yarn;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * A secure HDFS and YARN for one test class: a MiniKdc, a MiniDFSCluster (two DataNodes, block
 * access tokens, SASL on data transfer) and a MiniYARNCluster (two NodeManagers with the {@code
 * weft_shuffle} service), every daemon logged in from one service keytab, and a {@code
 * HADOOP_CONF_DIR} with {@code hadoop.security.authentication=kerberos}.
 *
 * <p>The daemons' principals are {@code <os user>/localhost} (and {@code HTTP/localhost} for the
 * web servers), which map to the OS user, so the test JVM is HDFS's superuser. The submitting
 * user's principal is {@code <os user>@REALM}, in its own keytab ({@link #clientKeytab()}).
 * Delegation tokens live {@code tokenRenewInterval} unless renewed, {@code tokenMaxLifetime} at
 * most. The submitting user may impersonate any user ({@code hadoop.proxyuser.<os user>.*}).
 */
public final class KerberizedCluster implements AutoCloseable {
  /** HDFS's data transfer protection key, {@code authentication} here. */
  public static final String DATA_TRANSFER_PROTECTION = "dfs.data.transfer.protection";

  /** A classpath resource with {@value #DATA_TRANSFER_PROTECTION} for in-JVM daemons' clients. */
  private static final String SASL_RESOURCE = "weft-it-sasl-data-transfer.xml";

  private final MiniKdc kdc;
  private final MiniDFSCluster hdfs;
  private final MiniYarn yarn;
  private final Path confDir;
  private final File clientKeytab;
  private final String clientPrincipal;

  private KerberizedCluster(
      MiniKdc kdc,
      MiniDFSCluster hdfs,
      MiniYarn yarn,
      Path confDir,
      File clientKeytab,
      String clientPrincipal) {
    this.kdc = kdc;
    this.hdfs = hdfs;
    this.yarn = yarn;
    this.confDir = confDir;
    this.clientKeytab = clientKeytab;
    this.clientPrincipal = clientPrincipal;
  }

  /** Starts the KDC, HDFS and YARN. */
  public static KerberizedCluster start(
      Class<?> testClass, Duration tokenRenewInterval, Duration tokenMaxLifetime) throws Exception {
    File base =
        new File(
            System.getProperty("weftTestDir", "target"), "secure-" + testClass.getSimpleName());
    FileUtil.fullyDelete(base);
    File kdcDir = new File(base, "kdc");
    kdcDir.mkdirs();
    MiniKdc kdc = new MiniKdc(MiniKdc.createConf(), kdcDir);
    kdc.start(); // also points java.security.krb5.conf at its krb5.conf
    MiniDFSCluster hdfs = null;
    try {
      String realm = kdc.getRealm();
      String user = UserGroupInformation.getCurrentUser().getShortUserName();
      File serviceKeytab = new File(kdcDir, "service.keytab");
      kdc.createPrincipal(serviceKeytab, user + "/localhost", "HTTP/localhost");
      File clientKeytab = new File(kdcDir, "client.keytab");
      kdc.createPrincipal(clientKeytab, user);

      Map<String, String> secure = new HashMap<>();
      secure.put("hadoop.security.authentication", "kerberos");
      // user@REALM and user/host@REALM are user, whatever default realm the JVM read first.
      secure.put(
          "hadoop.security.auth_to_local",
          "RULE:[1:$1@$0](.*@"
              + realm
              + ")s/@.*//\nRULE:[2:$1@$0](.*@"
              + realm
              + ")s/@.*//\nDEFAULT");
      String service = user + "/localhost@" + realm;
      String keytab = serviceKeytab.getAbsolutePath();
      secure.put("dfs.namenode.kerberos.principal", service);
      secure.put("dfs.namenode.keytab.file", keytab);
      secure.put("dfs.datanode.kerberos.principal", service);
      secure.put("dfs.datanode.keytab.file", keytab);
      secure.put("dfs.web.authentication.kerberos.principal", "HTTP/localhost@" + realm);
      secure.put("dfs.web.authentication.kerberos.keytab", keytab);
      secure.put("dfs.block.access.token.enable", "true");
      // SASL on data transfer, as a secure cluster whose DataNodes use unprivileged ports has it:
      // every block read and write authenticates with the block access token. The NodeManagers'
      // localizers run in this JVM and read Hadoop's configuration from the classpath only, so the
      // setting is also a default resource of every Configuration made here (harmless without
      // Kerberos: SASL is then skipped on both sides).
      secure.put(DATA_TRANSFER_PROTECTION, "authentication");
      Configuration.addDefaultResource(SASL_RESOURCE);
      // Unprivileged DataNode ports without HTTPS (a test-only shortcut).
      secure.put("ignore.secure.ports.for.testing", "true");
      // The submitting user may impersonate others (yarn-submit --proxy-user).
      secure.put("hadoop.proxyuser." + user + ".hosts", "*");
      secure.put("hadoop.proxyuser." + user + ".groups", "*");
      secure.put(
          "dfs.namenode.delegation.token.renew-interval",
          Long.toString(tokenRenewInterval.toMillis()));
      secure.put(
          "dfs.namenode.delegation.token.max-lifetime", Long.toString(tokenMaxLifetime.toMillis()));
      secure.put(YarnConfiguration.RM_PRINCIPAL, service);
      secure.put(YarnConfiguration.RM_KEYTAB, keytab);
      secure.put(YarnConfiguration.NM_PRINCIPAL, service);
      secure.put(YarnConfiguration.NM_KEYTAB, keytab);

      Configuration dfsConf = new Configuration();
      secure.forEach(dfsConf::set);
      UserGroupInformation.setConfiguration(dfsConf);
      dfsConf.setLong("dfs.namenode.fs-limits.min-block-size", 1024);
      dfsConf.setInt("dfs.replication", 1);
      dfsConf.setLong("dfs.heartbeat.interval", 1);
      hdfs =
          new MiniDFSCluster.Builder(dfsConf, new File(base, "dfs"))
              .numDataNodes(YarnTestCluster.NODES)
              .storagesPerDatanode(1)
              .skipFsyncForTesting(true)
              .format(true)
              .build();
      hdfs.waitActive();

      Map<String, String> yarnSettings = new HashMap<>(secure);
      yarnSettings.put(
          YarnConfiguration.NM_PMEM_MB, Integer.toString(YarnTestCluster.NODE_MEMORY_MB));
      yarnSettings.put(
          YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB,
          Integer.toString(YarnTestCluster.NODE_MEMORY_MB));
      // The ResourceManager renews the submitted tokens through the NameNode.
      yarnSettings.put("fs.defaultFS", hdfs.getURI().toString());
      MiniYarn yarn = MiniYarn.start(testClass, YarnTestCluster.NODES, yarnSettings);

      Configuration conf = new Configuration(yarn.conf());
      conf.set("fs.defaultFS", hdfs.getURI().toString());
      Path confDir = base.toPath().resolve("hadoop-conf");
      Files.createDirectories(confDir);
      for (String site : List.of("core-site.xml", "yarn-site.xml")) {
        try (OutputStream out = Files.newOutputStream(confDir.resolve(site))) {
          conf.writeXml(out);
        }
      }
      return new KerberizedCluster(kdc, hdfs, yarn, confDir, clientKeytab, user + "@" + realm);
    } catch (Exception | Error e) {
      if (hdfs != null) {
        hdfs.shutdown(true);
      }
      kdc.stop();
      resetSecurity();
      throw e;
    }
  }

  /** The directory to give {@code yarn-submit} as {@code HADOOP_CONF_DIR}. */
  public Path confDir() {
    return confDir;
  }

  /** The submitting user's principal, {@code <os user>@REALM}. */
  public String clientPrincipal() {
    return clientPrincipal;
  }

  /** The submitting user's keytab. */
  public File clientKeytab() {
    return clientKeytab;
  }

  /** The KDC, e.g. to make more principals. */
  public MiniKdc kdc() {
    return kdc;
  }

  /** The KDC's {@code krb5.conf}, for the JVMs of yarn-submit and the containers. */
  public File krb5Conf() {
    return kdc.getKrb5conf();
  }

  /** HDFS as its superuser (the test JVM, logged in as the daemons' principal). */
  public FileSystem fs() throws IOException {
    return hdfs.getFileSystem();
  }

  /** The NameNode's configuration, as HDFS runs with it. */
  public Configuration hdfsConf() {
    return hdfs.getConfiguration(0);
  }

  public MiniYarn yarn() {
    return yarn;
  }

  /** Stops YARN, HDFS and the KDC, and puts Hadoop's security back to simple for later tests. */
  @Override
  public void close() throws IOException {
    try {
      yarn.close();
    } finally {
      try {
        hdfs.shutdown(true);
      } finally {
        kdc.stop();
        resetSecurity();
      }
    }
  }

  private static void resetSecurity() {
    UserGroupInformation.setConfiguration(new Configuration(false));
    UserGroupInformation.reset();
  }
}
