package dev.weft.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * An entry of {@code --files} or {@code --archives}: a path, local or on a cluster file system, and
 * the name it gets in containers' working directories ({@code path#name}, else its file name).
 *
 * @param local the local file, or null when {@code remote} is set
 * @param remote the file on a cluster file system (e.g. {@code hdfs:///x.zip}), or null
 * @param linkName its name in the working directory
 */
record ShippedFile(Path local, URI remote, String linkName) {

  /**
   * Parses {@code entry} of {@code option}.
   *
   * @throws SubmitException when it is not a path or its name is empty
   */
  static ShippedFile parse(String option, String entry) throws SubmitException {
    int hash = entry.lastIndexOf('#');
    String path = hash < 0 ? entry : entry.substring(0, hash);
    String fragment = hash < 0 ? null : entry.substring(hash + 1);
    if (fragment != null && (fragment.isEmpty() || fragment.contains("/"))) {
      throw new SubmitException(
          "Invalid " + option + " entry '" + entry + "': expected path#name with a plain name");
    }
    try {
      if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !path.startsWith("file:")) {
        URI uri = new URI(path);
        return new ShippedFile(null, uri, fragment != null ? fragment : nameOf(uri.getPath()));
      }
      Path local = path.startsWith("file:") ? Path.of(new URI(path)) : Path.of(path);
      local = local.toAbsolutePath().normalize();
      return new ShippedFile(
          local, null, fragment != null ? fragment : local.getFileName().toString());
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new SubmitException(
          "Invalid " + option + " entry '" + entry + "': not a path (" + e.getMessage() + ")");
    }
  }

  private static String nameOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
