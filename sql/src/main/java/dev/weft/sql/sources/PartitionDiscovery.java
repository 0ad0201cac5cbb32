package dev.weft.sql.sources;

import dev.weft.sql.expr.InternalValues;
import dev.weft.sql.types.DataType;
import dev.weft.sql.types.DataTypes;
import dev.weft.sql.types.StructField;
import dev.weft.sql.types.StructType;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists the files of a table and reads partition columns from {@code col=value} directories, as
 * Spark does: values are unescaped ({@code %XX}), {@code __HIVE_DEFAULT_PARTITION__} is null, and
 * column types are inferred (int, then bigint, then date, else string) unless the user's schema
 * names the column, or inference is off (then string). Hidden files and directories ({@code _*},
 * {@code .*}) are skipped. With {@code recursiveFileLookup} every file below the paths is read and
 * no partition columns are inferred.
 */
public final class PartitionDiscovery {
  /** Spark's name for a null partition value. */
  public static final String DEFAULT_PARTITION_NAME = "__HIVE_DEFAULT_PARTITION__";

  private PartitionDiscovery() {}

  /** One data file and its partition values (user values and internal values, in schema order). */
  public record TableFile(String path, long length, Object[] values, Object[] internalValues) {}

  /** The files of a table and its partition columns. */
  public record Listing(List<TableFile> files, StructType partitionSchema) {}

  /**
   * Lists {@code paths} (files, directories or globs).
   *
   * @param basePath the directory partition columns are read below, or null for each path itself
   * @param userSchema the user's schema, whose types win over inferred ones, or null
   * @throws IllegalArgumentException naming the path when it does not exist or the directories
   *     disagree on the partition columns
   */
  public static Listing list(
      List<String> paths,
      Configuration conf,
      String basePath,
      boolean recursiveFileLookup,
      boolean inferTypes,
      StructType userSchema)
      throws IOException {
    List<FileStatus> files = new ArrayList<>();
    List<Path> bases = new ArrayList<>();
    for (String p : paths) {
      Path path = new Path(p);
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matched = fs.globStatus(path);
      if (matched == null || matched.length == 0) {
        throw new IllegalArgumentException("Path does not exist: " + p);
      }
      for (FileStatus s : matched) {
        Path base =
            basePath != null
                ? fs.makeQualified(new Path(basePath))
                : s.isDirectory() ? s.getPath() : s.getPath().getParent();
        int before = files.size();
        walk(fs, s, files, true);
        for (int i = before; i < files.size(); i++) {
          bases.add(base);
        }
      }
    }
    if (recursiveFileLookup) {
      List<TableFile> out = new ArrayList<>();
      for (FileStatus f : files) {
        out.add(new TableFile(f.getPath().toString(), f.getLen(), new Object[0], new Object[0]));
      }
      return new Listing(out, StructType.of(List.of()));
    }
    List<String> columns = null;
    String columnsFrom = null;
    List<String[]> raw = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i).getPath();
      List<String[]> pairs = parse(file.getParent(), bases.get(i));
      List<String> names = pairs.stream().map(kv -> kv[0]).toList();
      if (columns == null) {
        columns = names;
        columnsFrom = file.toString();
      } else if (!columns.equals(names)) {
        throw new IllegalArgumentException(
            "Conflicting partition directory structures: "
                + columnsFrom
                + " has partition columns "
                + columns
                + " but "
                + file
                + " has "
                + names);
      }
      raw.add(pairs.stream().map(kv -> kv[1]).toArray(String[]::new));
    }
    if (columns == null) {
      columns = List.of();
    }
    List<StructField> fields = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      String name = columns.get(c);
      DataType type;
      if (userSchema != null && userSchema.indexOf(name) >= 0) {
        type = userSchema.field(userSchema.indexOf(name)).dataType();
      } else {
        type = inferTypes ? infer(raw, c) : DataTypes.StringType;
      }
      fields.add(DataTypes.createStructField(name, type, true));
    }
    StructType partitionSchema = StructType.of(fields);
    List<TableFile> out = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      String[] r = raw.get(i);
      Object[] values = new Object[r.length];
      Object[] internal = new Object[r.length];
      for (int c = 0; c < r.length; c++) {
        DataType type = partitionSchema.field(c).dataType();
        values[c] = value(r[c], type, columns.get(c), files.get(i).getPath());
        internal[c] = InternalValues.toInternal(values[c], type);
      }
      out.add(
          new TableFile(
              files.get(i).getPath().toString(), files.get(i).getLen(), values, internal));
    }
    return new Listing(out, partitionSchema);
  }

  private static void walk(FileSystem fs, FileStatus s, List<FileStatus> out, boolean top)
      throws IOException {
    String name = s.getPath().getName();
    if (!top && (name.startsWith("_") || name.startsWith("."))) {
      return;
    }
    if (!s.isDirectory()) {
      out.add(s);
      return;
    }
    FileStatus[] children;
    try {
      children = fs.listStatus(s.getPath());
    } catch (FileNotFoundException e) {
      return; // removed while listing
    }
    Arrays.sort(children);
    for (FileStatus c : children) {
      walk(fs, c, out, false);
    }
  }

  /** The {@code col=value} pairs of the directories from {@code base} down to {@code dir}. */
  private static List<String[]> parse(Path dir, Path base) {
    List<String[]> pairs = new ArrayList<>();
    String baseString = Path.getPathWithoutSchemeAndAuthority(base).toString();
    Path d = dir;
    while (d != null && !Path.getPathWithoutSchemeAndAuthority(d).toString().equals(baseString)) {
      String name = d.getName();
      int eq = name.indexOf('=');
      if (eq <= 0) {
        // Like Spark, only the col=value directories nearest the files are partition columns.
        break;
      }
      pairs.add(
          0, new String[] {unescape(name.substring(0, eq)), unescape(name.substring(eq + 1))});
      d = d.getParent();
    }
    return pairs;
  }

  private static DataType infer(List<String[]> raw, int c) {
    boolean ints = true;
    boolean longs = true;
    boolean dates = true;
    boolean any = false;
    for (String[] r : raw) {
      String v = r[c];
      if (v == null) {
        continue;
      }
      any = true;
      ints &= parses(() -> Integer.parseInt(v));
      longs &= parses(() -> Long.parseLong(v));
      dates &= v.length() == 10 && parses(() -> LocalDate.parse(v));
    }
    if (!any) {
      return DataTypes.StringType;
    }
    return ints
        ? DataTypes.IntegerType
        : longs ? DataTypes.LongType : dates ? DataTypes.DateType : DataTypes.StringType;
  }

  private static boolean parses(Runnable r) {
    try {
      r.run();
      return true;
    } catch (NumberFormatException | DateTimeParseException e) {
      return false;
    }
  }

  private static Object value(String raw, DataType type, String column, Path file) {
    if (raw == null) {
      return null;
    }
    try {
      return switch (type.kind()) {
        case INT -> Integer.parseInt(raw);
        case LONG -> Long.parseLong(raw);
        case DATE -> LocalDate.parse(raw);
        case SHORT -> Short.parseShort(raw);
        case BYTE -> Byte.parseByte(raw);
        case DOUBLE -> Double.parseDouble(raw);
        case FLOAT -> Float.parseFloat(raw);
        case BOOLEAN -> Boolean.parseBoolean(raw);
        case DECIMAL -> new java.math.BigDecimal(raw);
        case STRING -> raw;
        default -> throw new IllegalArgumentException("unsupported partition column type");
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Partition value '"
              + raw
              + "' of column "
              + column
              + " in "
              + file
              + " is not a "
              + type.simpleString());
    }
  }

  /** Spark's unescaping of path names: {@code %XX} is the character of hex code XX. */
  static String unescape(String s) {
    if (s.equals(DEFAULT_PARTITION_NAME)) {
      return null;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '%' && i + 2 < s.length() && isHex(s, i + 1) && isHex(s, i + 2)) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }

  private static boolean isHex(String s, int i) {
    return Character.digit(s.charAt(i), 16) >= 0;
  }

  /** Keeps the files whose partition values pass every filter that reads only partition columns. */
  public static List<TableFile> prune(
      List<TableFile> files, StructType partitionSchema, List<SourceFilter> filters) {
    List<String> names = List.of(partitionSchema.fieldNames());
    List<SourceFilter> usable =
        filters.stream().filter(f -> names.containsAll(f.references())).toList();
    if (usable.isEmpty() || names.isEmpty()) {
      return files;
    }
    List<TableFile> out = new ArrayList<>();
    for (TableFile f : files) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        values.put(names.get(i), f.values()[i]);
      }
      if (usable.stream().allMatch(x -> Boolean.TRUE.equals(x.evaluate(values)))) {
        out.add(f);
      }
    }
    return out;
  }
}
