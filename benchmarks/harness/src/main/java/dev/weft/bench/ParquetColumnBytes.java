package dev.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The Parquet bytes a workload's query must read: the compressed column chunks of the columns it
 * uses, summed from the files' footers. Smaller than {@link InputSizes} when the query prunes
 * columns (lineitem reads 7 of 16), so its MB/s is the scan's read rate.
 */
public final class ParquetColumnBytes {
  private ParquetColumnBytes() {}

  /** The columns each Parquet workload reads, per input directory. */
  static Map<String, Set<String>> columns(Workload workload) {
    Map<String, Set<String>> customers =
        Map.of(DataLayout.CUSTOMERS, Set.of("age", "country", "sales"));
    return switch (workload) {
      case ETL, ETL_DF -> customers;
      case ETL_JOIN, ETL_JOIN_DF ->
          Map.of(
              DataLayout.CUSTOMERS,
              customers.get(DataLayout.CUSTOMERS),
              DataLayout.COUNTRIES,
              Set.of("code", "name"));
      case LINEITEM -> Map.of(DataLayout.LINEITEM, Set.copyOf(LineItemQuery.COLUMNS_READ));
      default -> Map.of();
    };
  }

  /** The column-chunk bytes {@code workload} reads in {@code data}; 0 for non-Parquet ones. */
  public static long of(Workload workload, DataLayout data) throws IOException {
    long bytes = 0;
    for (Map.Entry<String, Set<String>> e : columns(workload).entrySet()) {
      bytes += of(data.resolve(e.getKey()), e.getValue());
    }
    return bytes;
  }

  /**
   * The bytes of the chunks of the top-level {@code columns} in the Parquet files of {@code dir}.
   */
  public static long of(Path dir, Set<String> columns) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    Configuration conf = new Configuration();
    long bytes = 0;
    for (Path file : files) {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri());
      try (ParquetFileReader reader =
          ParquetFileReader.open(HadoopInputFile.fromPath(path, conf))) {
        for (BlockMetaData block : reader.getFooter().getBlocks()) {
          for (ColumnChunkMetaData chunk : block.getColumns()) {
            if (columns.contains(chunk.getPath().toArray()[0])) {
              bytes += chunk.getTotalSize();
            }
          }
        }
      }
    }
    return bytes;
  }
}
