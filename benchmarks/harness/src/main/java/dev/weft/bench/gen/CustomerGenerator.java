package dev.weft.bench.gen;

import dev.weft.bench.DataLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * The ETL input: Parquet customers ({@code id, name, age, country, sales, signup_date}) and the 50
 * countries they live in. Sales are whole cents, so the expected sums are exact.
 */
public final class CustomerGenerator {
  /** Number of country codes. */
  public static final int COUNTRIES = 50;

  /** The customers' Avro schema. */
  public static final Schema CUSTOMER =
      SchemaBuilder.record("Customer")
          .fields()
          .requiredLong("id")
          .requiredString("name")
          .requiredInt("age")
          .requiredString("country")
          .requiredDouble("sales")
          .requiredInt("signup_date")
          .endRecord();

  /** The countries' Avro schema. */
  public static final Schema COUNTRY =
      SchemaBuilder.record("Country")
          .fields()
          .requiredString("code")
          .requiredString("name")
          .requiredString("region")
          .endRecord();

  /** The ETL filter: only customers older than this count. */
  public static final int MIN_AGE_EXCLUSIVE = 25;

  static final long PART_ROWS = 500_000;
  private static final long SEED = 0x5eed_c057L;
  private static final int FIRST_SIGNUP_DAY = 14_610; // 2010-01-01
  private static final int SIGNUP_DAYS = 5_479; // to 2024-12-31

  /** The code of country {@code i}: {@code C07}. */
  public static String code(int i) {
    return String.format("C%02d", i);
  }

  /** The name of country {@code i}: {@code Country 07}. */
  public static String name(int i) {
    return String.format("Country %02d", i);
  }

  /**
   * Writes {@code rows} customers into {@code dir}.
   *
   * @return per country (by index), the sum in cents of the sales of customers older than 25
   */
  public long[] generateCustomers(Path dir, long rows) throws IOException {
    int parts = PartWriter.parts(rows, PART_ROWS);
    long[] cents = new long[COUNTRIES];
    String[] codes = new String[COUNTRIES];
    for (int i = 0; i < COUNTRIES; i++) {
      codes[i] = code(i);
    }
    DiscreteSampler countries = new DiscreteSampler(COUNTRIES, 0.8);
    GenericRecord r = new GenericData.Record(CUSTOMER);
    long id = 0;
    for (int p = 0; p < parts; p++) {
      SplittableRandom random = new SplittableRandom(SEED + p);
      long n = PartWriter.share(rows, parts, p);
      try (ParquetWriter<GenericRecord> out =
          ParquetFiles.writer(dir.resolve(DataLayout.partName(p, ".parquet")), CUSTOMER)) {
        for (long i = 0; i < n; i++, id++) {
          int country = countries.sample(random);
          int age = 18 + random.nextInt(72);
          long sale = 100 + random.nextLong(1_000_000);
          r.put("id", id);
          r.put("name", "Customer " + id);
          r.put("age", age);
          r.put("country", codes[country]);
          r.put("sales", sale / 100.0);
          r.put("signup_date", FIRST_SIGNUP_DAY + random.nextInt(SIGNUP_DAYS));
          out.write(r); // written at once, so the record can be reused
          if (age > MIN_AGE_EXCLUSIVE) {
            cents[country] += sale;
          }
        }
      }
    }
    ParquetFiles.deleteChecksums(dir);
    return cents;
  }

  /** Writes the 50 countries into {@code dir/part-00000.parquet}. */
  public void generateCountries(Path dir) throws IOException {
    try (ParquetWriter<GenericRecord> out =
        ParquetFiles.writer(dir.resolve(DataLayout.partName(0, ".parquet")), COUNTRY)) {
      for (int i = 0; i < COUNTRIES; i++) {
        GenericRecord r = new GenericData.Record(COUNTRY);
        r.put("code", code(i));
        r.put("name", name(i));
        r.put("region", "Region " + (i % 5));
        out.write(r);
      }
    }
    ParquetFiles.deleteChecksums(dir);
  }
}
