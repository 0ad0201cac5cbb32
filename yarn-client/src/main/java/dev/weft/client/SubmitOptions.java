package dev.weft.client;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line of {@code yarn-submit}, as picocli fills it in. Options that map to a {@code
 * weft.*} key are turned into configuration by {@link SubmitConf}; the YARN-only options (queue,
 * executors, tags, priority, attempts, files, archives) stay here for the YARN submission path.
 */
@Command(
    name = "yarn-submit",
    sortOptions = false,
    mixinStandardHelpOptions = true,
    versionProvider = WeftVersion.class,
    usageHelpWidth = 100,
    headerHeading = "",
    header = "Runs a Weft application.",
    synopsisHeading = "%nUsage: ",
    customSynopsis = {
      "yarn-submit [options] <app jar> [app args...]",
      "       yarn-submit --status APPID | --kill APPID"
    },
    descriptionHeading = "%n",
    description = {
      "Runs the main class of <app jar> with Weft's runtime on its classpath. Everything after"
          + " <app jar> is passed to the application unchanged.",
      "",
      "Configuration is read, later wins, from $WEFT_HOME/conf/weft-defaults.properties, then"
          + " --conf, then the dedicated options (--name, --executor-memory, ...). Keys outside"
          + " weft.* are Hadoop settings and reach the job as weft.hadoop.<key>. Every key is"
          + " listed in docs/configuration.md.",
      "",
      "Masters: yarn submits to the cluster whose core-site.xml, hdfs-site.xml and yarn-site.xml"
          + " are in HADOOP_CONF_DIR or YARN_CONF_DIR, prints its progress and waits for its end."
          + " embedded starts a single-machine HDFS and YARN in this process and submits to it"
          + " the same way; local input paths work as they are there (the job's default file"
          + " system is the local one, relative paths resolve against the current directory), and"
          + " unless given, the driver gets 384m and executors 512m of heap, each + 256m overhead."
          + " local[N] runs the driver and N task threads in this JVM (local[*]: one per core,"
          + " local: one).",
    },
    parameterListHeading = "%nArguments:%n",
    optionListHeading = "%nOptions:%n",
    footerHeading = "%n",
    footer = {
      "Exit codes: 0 the application succeeded, 1 it failed, 2 a usage or configuration"
          + " error, 3 it was killed.",
      "",
      "Examples:",
      "  bin/yarn-submit --class dev.weft.examples.WordCount \\",
      "      examples/target/weft-examples.jar README.md /tmp/weft-wordcount",
      "  bin/yarn-submit --status application_1700000000000_0001"
    })
final class SubmitOptions {

  @Option(
      names = "--master",
      paramLabel = "MASTER",
      description =
          "yarn, embedded, local, local[N] or local[*] (weft.master). Default: yarn when"
              + " HADOOP_CONF_DIR or YARN_CONF_DIR names a directory, else embedded.")
  String master;

  @Option(
      names = "--class",
      paramLabel = "CLASS",
      description = "The application's main class. Default: Main-Class of the jar's manifest.")
  String mainClass;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Application name (weft.app.name). Default: the main class.")
  String name;

  @Option(
      names = "--queue",
      paramLabel = "QUEUE",
      description = "YARN queue to submit to (weft.yarn.queue; YARN masters only).")
  String queue;

  @Option(
      names = "--num-executors",
      paramLabel = "N",
      description = "Executors to start (weft.executor.instances; YARN masters only).")
  Integer numExecutors;

  @Option(
      names = "--executor-memory",
      paramLabel = "SIZE",
      description = "Heap of each executor, e.g. 2g (weft.executor.memory).")
  String executorMemory;

  @Option(
      names = "--executor-cores",
      paramLabel = "N",
      description = "Task threads of each executor (weft.executor.cores).")
  String executorCores;

  @Option(
      names = "--driver-memory",
      paramLabel = "SIZE",
      description =
          "Heap of the driver, e.g. 2g: the ApplicationMaster's on YARN (weft.driver.memory);"
              + " bin/yarn-submit turns it into the launcher's -Xmx for local masters.")
  String driverMemory;

  @Option(
      names = "--jars",
      paramLabel = "JARS",
      split = ",",
      description =
          "Comma-separated local jars to put on the application's classpath (shipped to the"
              + " containers on YARN).")
  List<String> jars = new ArrayList<>();

  @Option(
      names = "--files",
      paramLabel = "FILES",
      split = ",",
      description =
          "Comma-separated files linked into every container's working directory; path#name"
              + " renames one (YARN masters only).")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--archives",
      paramLabel = "ARCHIVES",
      split = ",",
      description =
          "Comma-separated archives (zip, tar.gz, jar) unpacked into every container's working"
              + " directory; path#name names the directory (YARN masters only).")
  List<String> archives = new ArrayList<>();

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = "A configuration entry; repeat the option for several.")
  List<String> conf = new ArrayList<>();

  @Option(
      names = "--tags",
      paramLabel = "TAGS",
      split = ",",
      description = "Comma-separated YARN application tags (weft.yarn.tags; YARN masters only).")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--priority",
      paramLabel = "N",
      description = "YARN application priority (weft.yarn.priority; YARN masters only).")
  Integer priority;

  @Option(
      names = "--max-app-attempts",
      paramLabel = "N",
      description =
          "Attempts YARN makes at the application (weft.yarn.maxAppAttempts; YARN masters only).")
  Integer maxAppAttempts;

  @Option(
      names = "--principal",
      paramLabel = "PRINCIPAL",
      description =
          "Kerberos principal to log in as on a secure cluster, with --keytab (weft.yarn.principal)."
              + " The keytab goes to the ApplicationMaster, which obtains fresh delegation tokens"
              + " before the old ones expire, so the job may run for longer than their maximum"
              + " lifetime. Without it: the ticket cache of kinit.")
  String principal;

  @Option(
      names = "--keytab",
      paramLabel = "FILE",
      description = "The keytab of --principal (weft.yarn.keytab).")
  String keytab;

  @Option(
      names = "--proxy-user",
      paramLabel = "USER",
      description =
          "Run the application as USER, impersonated by the logged-in user (weft.yarn.proxyUser);"
              + " the cluster must allow it (hadoop.proxyuser.*).")
  String proxyUser;

  @Option(
      names = "--status",
      paramLabel = "APPID",
      description =
          "Print the state, final status, progress, tracking URL and diagnostics of an application"
              + " of the cluster of HADOOP_CONF_DIR / YARN_CONF_DIR; exit 0 when it exists.")
  String statusAppId;

  @Option(
      names = "--kill",
      paramLabel = "APPID",
      description =
          "Kill an application of the cluster, wait until it ended and remove its staging"
              + " directory.")
  String killAppId;

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      description =
          "How the running stages of a YARN application are shown: bar (a progress bar per"
              + " running stage, redrawn in place), lines (a line per stage submitted or completed"
              + " and per job end, for logs and CI) or none. Default: bar on a terminal, lines when"
              + " the output is a file or pipe, CI=true or TERM=dumb.")
  String progress;

  @Option(
      names = "--verbose",
      description = "Print the resolved configuration, and stack traces of failures.")
  boolean verbose;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<app jar>",
      description = "The application's jar.")
  String appJar;

  @Parameters(
      index = "1..*",
      paramLabel = "<app args>",
      description = "Arguments of the application's main method.")
  List<String> appArgs = new ArrayList<>();
}
