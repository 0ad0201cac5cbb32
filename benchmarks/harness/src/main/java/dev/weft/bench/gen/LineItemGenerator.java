package dev.weft.bench.gen;

import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import dev.weft.bench.DataLayout;
import dev.weft.bench.LineItemQuery;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * The scan workload's wide table: line items with TPC-H lineitem's 16 columns and value
 * distributions (simplified from its specification: orders of 1–7 lines, quantities 1–50, prices
 * from the part key, discounts 0–10%, taxes 0–8%, ship/commit/receipt dates after an order date in
 * 1992–1998, return flag and line status from the dates). Decimals are decimal(12,2) stored as
 * INT64, dates as INT32 {@code DATE}, strings as UTF-8 binaries, as Spark writes them.
 *
 * <p>While writing it aggregates the rows as {@link LineItemQuery} does, exactly, so the expected
 * result needs no engine.
 */
public final class LineItemGenerator {
  /** The table's Parquet schema. */
  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(INT64)
          .named("l_orderkey")
          .required(INT64)
          .named("l_partkey")
          .required(INT64)
          .named("l_suppkey")
          .required(INT32)
          .named("l_linenumber")
          .required(INT64)
          .as(decimal())
          .named("l_quantity")
          .required(INT64)
          .as(decimal())
          .named("l_extendedprice")
          .required(INT64)
          .as(decimal())
          .named("l_discount")
          .required(INT64)
          .as(decimal())
          .named("l_tax")
          .required(BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named("l_returnflag")
          .required(BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named("l_linestatus")
          .required(INT32)
          .as(LogicalTypeAnnotation.dateType())
          .named("l_shipdate")
          .required(INT32)
          .as(LogicalTypeAnnotation.dateType())
          .named("l_commitdate")
          .required(INT32)
          .as(LogicalTypeAnnotation.dateType())
          .named("l_receiptdate")
          .required(BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named("l_shipinstruct")
          .required(BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named("l_shipmode")
          .required(BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named("l_comment")
          .named("lineitem");

  static final long PART_ROWS = 1_000_000;
  private static final long SEED = 0x11ae_17e3L;
  private static final int FIRST_ORDER_DAY = (int) LocalDate.of(1992, 1, 1).toEpochDay();
  private static final int LAST_ORDER_DAY = (int) LocalDate.of(1998, 12, 31).toEpochDay() - 151;
  private static final int CURRENT_DAY = (int) LocalDate.of(1995, 6, 17).toEpochDay();
  private static final int CUTOFF_DAY = (int) LineItemQuery.SHIP_DATE_CUTOFF.toEpochDay();
  private static final String[] INSTRUCTIONS = {
    "DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"
  };
  private static final String[] MODES = {"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"};
  private static final String[] WORDS = {
    "furiously",
    "slyly",
    "carefully",
    "blithely",
    "quickly",
    "fluffily",
    "final",
    "ironic",
    "pending",
    "regular",
    "express",
    "special",
    "bold",
    "even",
    "silent",
    "unusual",
    "deposits",
    "requests",
    "accounts",
    "packages",
    "theodolites",
    "foxes",
    "ideas",
    "pinto",
    "beans",
    "instructions",
    "dependencies",
    "excuses",
    "platelets",
    "asymptotes",
    "sleep",
    "wake",
    "are",
    "haggle",
    "nag",
    "use",
    "boost",
    "affix",
    "detect",
    "integrate",
    "cajole",
    "among",
    "about"
  };

  /** The groups of the query: return flag A, N, R by line status F, O. */
  private static final String FLAGS = "ANR";

  private static final String STATUSES = "FO";

  private static LogicalTypeAnnotation decimal() {
    return LogicalTypeAnnotation.decimalType(2, 12);
  }

  /**
   * Writes {@code rows} line items into {@code dir}.
   *
   * @return the expected result of {@link LineItemQuery}: its output lines in its order
   */
  public List<String> generate(Path dir, long rows) throws IOException {
    int parts = PartWriter.parts(rows, PART_ROWS);
    Aggregates[] groups = new Aggregates[FLAGS.length() * STATUSES.length()];
    for (int i = 0; i < groups.length; i++) {
      groups[i] = new Aggregates();
    }
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    long orderKey = 0;
    for (int p = 0; p < parts; p++) {
      SplittableRandom random = new SplittableRandom(SEED + p);
      long n = PartWriter.share(rows, parts, p);
      try (ParquetWriter<Group> out =
          ParquetFiles.groupWriter(dir.resolve(DataLayout.partName(p, ".parquet")), SCHEMA)) {
        long written = 0;
        while (written < n) {
          orderKey++;
          int orderDay = FIRST_ORDER_DAY + random.nextInt(LAST_ORDER_DAY - FIRST_ORDER_DAY + 1);
          int lines = (int) Math.min(1 + random.nextInt(7), n - written);
          for (int line = 1; line <= lines; line++, written++) {
            long partKey = 1 + random.nextLong(200_000);
            long quantity = 1 + random.nextInt(50);
            long price = quantity * retailPriceCents(partKey);
            long discount = random.nextInt(11);
            long tax = random.nextInt(9);
            int shipDay = orderDay + 1 + random.nextInt(121);
            int commitDay = orderDay + 30 + random.nextInt(61);
            int receiptDay = shipDay + 1 + random.nextInt(30);
            int flag = receiptDay <= CURRENT_DAY ? (random.nextBoolean() ? 2 : 0) : 1;
            int status = shipDay > CURRENT_DAY ? 1 : 0;
            out.write(
                factory
                    .newGroup()
                    .append("l_orderkey", orderKey)
                    .append("l_partkey", partKey)
                    .append("l_suppkey", 1 + (partKey + line * 2_503L) % 10_000)
                    .append("l_linenumber", line)
                    .append("l_quantity", quantity * 100)
                    .append("l_extendedprice", price)
                    .append("l_discount", discount)
                    .append("l_tax", tax)
                    .append("l_returnflag", String.valueOf(FLAGS.charAt(flag)))
                    .append("l_linestatus", String.valueOf(STATUSES.charAt(status)))
                    .append("l_shipdate", shipDay)
                    .append("l_commitdate", commitDay)
                    .append("l_receiptdate", receiptDay)
                    .append("l_shipinstruct", INSTRUCTIONS[random.nextInt(INSTRUCTIONS.length)])
                    .append("l_shipmode", MODES[random.nextInt(MODES.length)])
                    .append("l_comment", comment(random)));
            if (shipDay <= CUTOFF_DAY) {
              groups[flag * STATUSES.length() + status].add(quantity * 100, price, discount, tax);
            }
          }
        }
      }
    }
    ParquetFiles.deleteChecksums(dir);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < groups.length; i++) {
      if (groups[i].count > 0) {
        expected.add(
            FLAGS.charAt(i / STATUSES.length())
                + "\t"
                + STATUSES.charAt(i % STATUSES.length())
                + "\t"
                + groups[i].line());
      }
    }
    return expected;
  }

  /** TPC-H's part retail price in cents: 900.00 to 2,098.99. */
  static long retailPriceCents(long partKey) {
    return 90_000 + (partKey / 10) % 20_001 + 100 * (partKey % 1_000);
  }

  /** 10 to 43 characters of words, like TPC-H's comments. */
  private static String comment(SplittableRandom random) {
    int length = 10 + random.nextInt(34);
    StringBuilder s = new StringBuilder(length + 12);
    while (s.length() < length) {
      if (s.length() > 0) {
        s.append(' ');
      }
      s.append(WORDS[random.nextInt(WORDS.length)]);
    }
    s.setLength(length);
    return s.toString().strip();
  }

  /**
   * One group's exact sums, as unscaled longs: quantities, prices, discounts and taxes in cents,
   * discounted prices at scale 4, charges at scale 6 (both fit a long far beyond the large scale).
   */
  private static final class Aggregates {
    long count;
    long quantity;
    long price;
    long discountedPrice;
    long charge;
    long discount;

    void add(long quantityCents, long priceCents, long discountCents, long taxCents) {
      count++;
      quantity += quantityCents;
      price += priceCents;
      long discounted = Math.multiplyExact(priceCents, 100 - discountCents);
      discountedPrice = Math.addExact(discountedPrice, discounted);
      charge = Math.addExact(charge, Math.multiplyExact(discounted, 100 + taxCents));
      discount += discountCents;
    }

    /** The aggregates of {@link LineItemQuery#AGGREGATE_COLUMNS}, tab-separated. */
    String line() {
      BigDecimal sumQuantity = BigDecimal.valueOf(quantity, 2);
      BigDecimal sumPrice = BigDecimal.valueOf(price, 2);
      return String.join(
          "\t",
          sumQuantity.toPlainString(),
          sumPrice.toPlainString(),
          BigDecimal.valueOf(discountedPrice, 4).toPlainString(),
          BigDecimal.valueOf(charge, 6).toPlainString(),
          LineItemQuery.average(sumQuantity, count).toPlainString(),
          LineItemQuery.average(sumPrice, count).toPlainString(),
          LineItemQuery.average(BigDecimal.valueOf(discount, 2), count).toPlainString(),
          Long.toString(count));
    }
  }
}
