package dev.weft.bench.machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine the report was made on: cores, memory and Java.
 *
 * @param cores available processors
 * @param memTotalMb physical memory
 * @param javaVersion the version of the Java running every engine
 * @param javaVm the JVM's name
 */
public record MachineInfo(int cores, long memTotalMb, String javaVersion, String javaVm) {
  /** This machine. */
  public static MachineInfo current() {
    return new MachineInfo(
        Runtime.getRuntime().availableProcessors(),
        meminfoKb("MemTotal:") / 1024,
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"));
  }

  /** {@code MemAvailable} of /proc/meminfo in KiB, or 0 where unknown. */
  static long memAvailableKb() {
    return meminfoKb("MemAvailable:");
  }

  private static long meminfoKb(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return 0;
  }
}
