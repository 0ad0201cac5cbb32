package dev.weft.core.serial;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.Test;

public class GenericRecordSerializerTest {
  private final KryoSerializer kryo = new KryoSerializer(true, false, List.of());
  private final AvroSchemas schemas = kryo.avroSchemas();

  private static KryoSerializer executor() {
    return new KryoSerializer(true, false, List.of(), AvroSchemas.forExecutor());
  }

  private static GenericRecord customer(Schema schema, long id, String country) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("id", id);
    r.put("country", country);
    r.put("sales", id * 1.5);
    return r;
  }

  private static Schema schema(String name) {
    return SchemaBuilder.record(name)
        .fields()
        .requiredLong("id")
        .optionalString("country")
        .requiredDouble("sales")
        .endRecord();
  }

  @Test
  public void aRecordOfASharedSchemaTravelsAsAFingerprintAndComesBackEqual() {
    Schema schema = schema("SharedCustomer");
    schemas.register(schema);
    GenericRecord original = customer(schema, 7, "DE");

    byte[] bytes = kryo.serialize(original);
    GenericRecord copy = kryo.deserialize(bytes);

    assertEquals(original, copy);
    assertTrue(
        "fingerprint, not the schema: " + bytes.length + " bytes",
        bytes.length < schema.toString().length());
  }

  @Test
  public void aRecordOfASchemaMadeInATaskCarriesItsSchemaToAnotherExecutor() {
    Schema schema = schema("TaskLocalCustomer");
    GenericRecord original = customer(schema, 8, null);

    byte[] bytes = executor().serialize(original);
    GenericRecord copy = executor().deserialize(bytes);

    assertEquals(original, copy);
    assertTrue(bytes.length > schema.toString().length());
  }

  @Test
  public void aSchemaShippedByTheDriverTravelsBetweenExecutorsAsAFingerprint() {
    Schema schema = schema("ShippedToExecutors");
    schemas.register(schema);
    KryoSerializer mapSide = executor();
    KryoSerializer reduceSide = executor();
    mapSide.avroSchemas().registerShared(schemas.shared());
    reduceSide.avroSchemas().registerShared(schemas.shared());
    GenericRecord original = customer(schema, 9, "FR");

    byte[] bytes = mapSide.serialize(original);

    assertEquals(original, reduceSide.deserialize(bytes));
    assertTrue(bytes.length < schema.toString().length());
  }

  @Test
  public void twoDriversInOneJvmKeepTheirOwnSchemas() {
    Schema schema = schema("OnlyInTheFirstApplication");
    schemas.register(schema);

    KryoSerializer other = new KryoSerializer(true, false, List.of());

    assertTrue(schemas.shared().containsKey(AvroSchemas.fingerprint(schema)));
    assertEquals(Map.of(), other.avroSchemas().shared());
  }

  @Test
  public void schemasThatDifferOnlyInLogicalTypesKeepTheirOwnSchema() {
    Schema scale2 = decimalPrice(2);
    Schema scale4 = decimalPrice(4);
    schemas.register(scale2);
    GenericRecord price = new GenericData.Record(scale4);
    price.put("amount", java.nio.ByteBuffer.wrap(new java.math.BigInteger("123456").toByteArray()));

    GenericRecord copy = kryo.deserialize(kryo.serialize(price));

    assertEquals(scale4, copy.getSchema());
  }

  private static Schema decimalPrice(int scale) {
    Schema amount =
        org.apache.avro.LogicalTypes.decimal(10, scale)
            .addToSchema(Schema.create(Schema.Type.BYTES));
    return SchemaBuilder.record("Price")
        .fields()
        .name("amount")
        .type(amount)
        .noDefault()
        .endRecord();
  }

  @Test
  public void shippedSchemasAreKnownByFingerprint() {
    Schema schema = schema("ShippedCustomer");
    long fp = schemas.register(schema);

    assertTrue(schemas.shared().containsKey(fp));
    assertEquals(schema, new Schema.Parser().parse(schemas.shared().get(fp)));
  }
}
