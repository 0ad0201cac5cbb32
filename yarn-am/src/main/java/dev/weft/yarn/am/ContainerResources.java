package dev.weft.yarn.am;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.ApplicationConstants.Environment;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * The local resources and classpath that every container of an application gets, the AM's and the
 * executors' alike, from its {@link LaunchSpec}. {@code yarn-submit} builds the AM's launch context
 * with these methods and the AM builds executors' with them, so both see the same files.
 */
public final class ContainerResources {
  private ContainerResources() {}

  /**
   * The spec's resources by link name: archives as {@code ARCHIVE} (YARN unpacks them), others as
   * {@code FILE}; resources inside the staging directory with {@code APPLICATION} visibility (they
   * belong to this application and go with it), others (the shared runtime jar cache) {@code
   * PRIVATE}, so the NodeManager keeps them localized for the user's later applications. Files
   * {@linkplain #inPlace in place} are not localized.
   *
   * @throws IllegalArgumentException naming a resource whose URI is malformed
   */
  public static Map<String, LocalResource> localResources(LaunchSpec spec) {
    Map<String, LocalResource> out = new LinkedHashMap<>();
    String staging = pathOf(spec.stagingDir());
    for (LaunchSpec.Resource r : spec.resources()) {
      if (inPlace(r, staging)) {
        continue;
      }
      URI uri = uri(r);
      boolean inStaging =
          uri.getPath() != null && (uri.getPath() + "/").startsWith(withSlash(staging));
      out.put(
          r.linkName(),
          LocalResource.newInstance(
              URL.fromURI(uri),
              r.archive() ? LocalResourceType.ARCHIVE : LocalResourceType.FILE,
              inStaging ? LocalResourceVisibility.APPLICATION : LocalResourceVisibility.PRIVATE,
              r.size(),
              r.timestamp()));
    }
    return out;
  }

  /**
   * The container classpath, with the NodeManager's expansion markers: {@code
   * {{PWD}}/__weft_conf__} first (Hadoop and Log4j2 configuration), then every resource marked
   * {@code onClasspath} in the spec's order ({@code {{PWD}}/<link>} for a file, {@code
   * {{PWD}}/<link>/*} for an archive, the absolute path for a file {@linkplain #inPlace in place}),
   * joined with {@code <CPS>}.
   */
  public static String classpath(LaunchSpec spec) {
    List<String> entries = new ArrayList<>();
    String pwd = Environment.PWD.$$();
    String staging = pathOf(spec.stagingDir());
    entries.add(pwd + "/" + LaunchSpec.CONF_DIR);
    for (LaunchSpec.Resource r : spec.resources()) {
      if (inPlace(r, staging)) {
        entries.add(uri(r).getPath());
      } else if (r.onClasspath()) {
        entries.add(pwd + "/" + r.linkName() + (r.archive() ? "/*" : ""));
      }
    }
    return String.join(ApplicationConstants.CLASS_PATH_SEPARATOR, entries);
  }

  /**
   * The JVM options every Weft container starts with: its temporary directory inside the
   * container's working directory (the NodeManager creates {@code ./tmp}), and the Log4j2
   * configuration shipped in {@value LaunchSpec#CONF_DIR}. Both are absolute ({@code {{PWD}}}),
   * because the embedded master moves {@code user.dir} to the submitter's directory.
   */
  public static List<String> baseJvmOptions() {
    String pwd = Environment.PWD.$$();
    return List.of(
        "-Djava.io.tmpdir="
            + pwd
            + "/"
            + YarnConfiguration.DEFAULT_CONTAINER_TEMP_DIR.replaceFirst("^\\./", ""),
        "-Dlog4j2.configurationFile="
            + pwd
            + "/"
            + LaunchSpec.CONF_DIR
            + "/"
            + LaunchSpec.LOG4J2_CONFIG);
  }

  /**
   * Whether containers use {@code r} where it is instead of a localized copy: a jar on the
   * classpath with a {@code file:} URI outside the staging directory, so on the nodes' own file
   * system and not one of the application's own files. The embedded master ships Weft's runtime
   * jars that way, since its containers run on the launcher's machine: neither an upload nor a
   * localization of ~100 MB of jars per application.
   */
  public static boolean inPlace(LaunchSpec.Resource r, String stagingPath) {
    URI uri = uri(r);
    return r.onClasspath()
        && !r.archive()
        && "file".equals(uri.getScheme())
        && !(uri.getPath() + "/").startsWith(withSlash(stagingPath));
  }

  private static URI uri(LaunchSpec.Resource r) {
    try {
      return new URI(r.uri());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "Local resource '" + r.linkName() + "' has a malformed URI '" + r.uri() + "'", e);
    }
  }

  private static String pathOf(String dir) {
    try {
      String p = new URI(dir).getPath();
      return p == null ? dir : p;
    } catch (URISyntaxException e) {
      return dir;
    }
  }

  private static String withSlash(String p) {
    return p.endsWith("/") ? p : p + "/";
  }
}
