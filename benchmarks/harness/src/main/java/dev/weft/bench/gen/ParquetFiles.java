package dev.weft.bench.gen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;

/** Parquet writers over Hadoop's local file system, without {@code .crc} side files. */
final class ParquetFiles {
  private ParquetFiles() {}

  /** Opens a Snappy-compressed Avro Parquet writer on {@code file}, replacing it. */
  static ParquetWriter<GenericRecord> writer(Path file, Schema schema) throws IOException {
    Files.createDirectories(file.getParent());
    Configuration conf = new Configuration();
    // The readers' part-file listing must see only the Parquet files.
    FileSystem.getLocal(conf).setWriteChecksum(false);
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri());
    return AvroParquetWriter.<GenericRecord>builder(HadoopOutputFile.fromPath(path, conf))
        .withSchema(schema)
        .withConf(conf)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  /** Opens a Snappy-compressed writer of Parquet {@code schema}'s groups on {@code file}. */
  static ParquetWriter<Group> groupWriter(Path file, MessageType schema) throws IOException {
    Files.createDirectories(file.getParent());
    Configuration conf = new Configuration();
    FileSystem.getLocal(conf).setWriteChecksum(false);
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toAbsolutePath().toUri());
    return ExampleParquetWriter.builder(HadoopOutputFile.fromPath(path, conf))
        .withType(schema)
        .withConf(conf)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .build();
  }

  /** Deletes any {@code .crc} file left in {@code dir}. */
  static void deleteChecksums(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().endsWith(".crc")) {
          Files.delete(f);
        }
      }
    }
  }
}
