/**
 * Avro object container files on Hadoop file systems: {@link dev.weft.hdfs.avro.AvroSplitReader}
 * reads the records of one split with an optional reader schema, {@link
 * dev.weft.hdfs.avro.AvroFiles} reads and checks schemas when planning, and {@link
 * dev.weft.hdfs.avro.AvroPartWriter} writes a task's part file. Bad files fail with a one-line
 * {@link dev.weft.hdfs.CorruptFileException}.
 */
package dev.weft.hdfs.avro;
