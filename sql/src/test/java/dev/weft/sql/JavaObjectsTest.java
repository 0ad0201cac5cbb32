package dev.weft.sql;

import static dev.weft.sql.functions.col;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.Test;

/** DataFrames of Java records and beans, and back. */
public class JavaObjectsTest {
  private final WeftSession session = TestSessions.shared();

  public record Sale(long id, String item, BigDecimal price, LocalDate day, Integer qty) {}

  /** A bean: columns are its properties, sorted by name. */
  public static final class Person implements java.io.Serializable {
    private String name;
    private int age;

    public Person() {}

    Person(String name, int age) {
      this.name = name;
      this.age = age;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public int getAge() {
      return age;
    }

    public void setAge(int age) {
      this.age = age;
    }
  }

  @Test
  public void recordsBecomeColumnsInDeclarationOrderAndComeBack() {
    List<Sale> sales =
        List.of(
            new Sale(1, "tea", new BigDecimal("2.50"), LocalDate.of(2026, 1, 2), 3),
            new Sale(2, "cake", new BigDecimal("4.00"), LocalDate.of(2026, 1, 3), null));
    DataFrame df = session.createDataFrame(sales, Sale.class);
    assertEquals(
        "root\n"
            + " |-- id: bigint (nullable = false)\n"
            + " |-- item: string (nullable = true)\n"
            + " |-- price: decimal(38,18) (nullable = true)\n"
            + " |-- day: date (nullable = true)\n"
            + " |-- qty: int (nullable = true)\n",
        df.schema().treeString());
    List<Sale> back = df.where(col("id").gt(1L)).as(Sale.class).collect();
    assertEquals(1, back.size());
    assertEquals("cake", back.get(0).item());
    assertEquals(0, new BigDecimal("4.00").compareTo(back.get(0).price()));
    assertEquals(null, back.get(0).qty());
  }

  @Test
  public void beansOfADatasetBecomeColumnsSortedByName() {
    DataFrame df =
        session.createDataFrame(
            session.context().parallelize(List.of(new Person("ann", 31), new Person("bob", 17))),
            Person.class);
    assertEquals(List.of("age", "name"), List.of(df.columns()));
    List<Person> adults = df.where(col("age").geq(18)).as(Person.class).collect();
    assertEquals("ann", adults.get(0).getName());
    assertEquals(2, df.toDataset().count());
  }

  @Test
  public void aNullIntoAPrimitiveFieldIsOneClearError() {
    DataFrame df =
        session.createDataFrame(List.of(new Sale(1, "tea", null, null, null)), Sale.class);
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                df.select(col("qty").as("id"), col("item"), col("price"), col("day"), col("qty"))
                    .as(Sale.class)
                    .collect());
    assertEquals(
        true, e.getMessage().contains("Column 'id' is NULL but Sale.id is a primitive long"));
  }

  @Test
  public void rangeCountsFromZero() {
    assertEquals(
        List.of(RowFactory.create(0L), RowFactory.create(1L), RowFactory.create(2L)),
        session.range(3).orderBy("id").collect().stream()
            .map(r -> RowFactory.create(r.get(0)))
            .toList());
  }
}
