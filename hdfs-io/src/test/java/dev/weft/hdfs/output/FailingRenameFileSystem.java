package dev.weft.hdfs.output;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local file system under the scheme {@code failrename:}, whose rename of a file out of a job's
 * {@code committed} directory fails when the file has the name {@link #failPublishOf}. Register it
 * with {@code fs.failrename.impl} (and {@code fs.failrename.impl.disable.cache}).
 */
public class FailingRenameFileSystem extends RawLocalFileSystem {
  static final String SCHEME = "failrename";
  static volatile String failPublishOf;

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public boolean rename(Path src, Path dst) throws IOException {
    if (src.getName().equals(failPublishOf) && src.toUri().getPath().contains("/committed/")) {
      throw new IOException("Injected failure renaming " + src + " to " + dst);
    }
    return super.rename(src, dst);
  }
}
