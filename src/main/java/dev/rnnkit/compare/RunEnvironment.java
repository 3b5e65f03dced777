package dev.rnnkit.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** When and where a comparison ran, for the report: timings mean little without the machine. */
public record RunEnvironment(
    String startedAt, int cores, String cpuModel, String java, String os, long maxHeapBytes) {

  private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

  static RunEnvironment current(ZonedDateTime start) {
    return new RunEnvironment(
        start.withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        Runtime.getRuntime().availableProcessors(),
        readCpuModel(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().maxMemory());
  }

  /** The CPU's model name on Linux (what {@code lscpu} shows); elsewhere the architecture. */
  private static String readCpuModel() {
    try {
      if (Files.isReadable(CPU_INFO)) {
        List<String> lines = Files.readAllLines(CPU_INFO);
        for (String line : lines) {
          if (line.startsWith("model name")) {
            return line.substring(line.indexOf(':') + 1).strip();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // The model name is a courtesy; the report says "unknown" rather than failing the run.
    }
    return "unknown (" + System.getProperty("os.arch") + ")";
  }
}
