package dev.weft.core.serial;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Writes an Avro record as its schema's fingerprint (or, for a schema other JVMs may not know, the
 * schema itself) followed by Avro's binary encoding of the record.
 */
final class GenericRecordSerializer extends Serializer<GenericData.Record> {
  private final AvroSchemas schemas;

  GenericRecordSerializer(AvroSchemas schemas) {
    this.schemas = schemas;
  }

  @Override
  public void write(Kryo kryo, Output output, GenericData.Record record) {
    Schema schema = record.getSchema();
    long fp = schemas.register(schema);
    output.writeLong(fp);
    boolean shared = schemas.isShared(fp);
    output.writeBoolean(shared);
    if (!shared) {
      output.writeString(schema.toString());
    }
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(output, null);
    try {
      schemas.writer(schema).write(record, encoder);
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
      schema = schemas.lookup(fp);
      if (schema == null) {
        throw new KryoException(
            "Avro schema with fingerprint " + fp + " is unknown in this JVM; it was not shipped");
      }
    } else {
      schema = new Schema.Parser().parse(input.readString());
      schemas.register(schema);
    }
    BinaryDecoder decoder = DecoderFactory.get().directBinaryDecoder(input, null);
    try {
      return schemas.reader(schema).read(null, decoder);
    } catch (IOException e) {
      throw new KryoException("Cannot decode an Avro record of " + schema.getFullName(), e);
    }
  }
}
