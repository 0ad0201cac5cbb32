package dev.weft.core.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes an Avro record as its schema's fingerprint (or, for a schema other JVMs may not know, the
 * schema itself) followed by Avro's binary encoding of the record.
 */
final class GenericRecordSerializer extends Serializer<GenericData.Record> {
  private static final Map<Schema, GenericDatumWriter<GenericData.Record>> WRITERS =
      new ConcurrentHashMap<>();
  private static final Map<Schema, GenericDatumReader<GenericData.Record>> READERS =
      new ConcurrentHashMap<>();

  @Override
  public void write(Kryo kryo, Output output, GenericData.Record record) {
    Schema schema = record.getSchema();
    long fp = AvroSchemas.register(schema);
    output.writeLong(fp);
    boolean shared = AvroSchemas.isShared(fp);
    output.writeBoolean(shared);
    if (!shared) {
      output.writeString(schema.toString());
    }
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(output, null);
    try {
      WRITERS.computeIfAbsent(schema, GenericDatumWriter::new).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new KryoException("Cannot encode an Avro record of " + schema.getFullName(), e);
    }
  }

  @Override
  public GenericData.Record read(Kryo kryo, Input input, Class<? extends GenericData.Record> type) {
    long fp = input.readLong();
    Schema schema;
    if (input.readBoolean()) {
      schema = AvroSchemas.lookup(fp);
      if (schema == null) {
        throw new KryoException(
            "Avro schema with fingerprint " + fp + " is unknown in this JVM; it was not shipped");
      }
    } else {
      schema = new Schema.Parser().parse(input.readString());
      AvroSchemas.register(schema);
    }
    BinaryDecoder decoder = DecoderFactory.get().directBinaryDecoder(input, null);
    try {
      return READERS.computeIfAbsent(schema, GenericDatumReader::new).read(null, decoder);
    } catch (IOException e) {
      throw new KryoException("Cannot decode an Avro record of " + schema.getFullName(), e);
    }
  }
}
