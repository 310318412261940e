package io.mcpwatch.bench;

import com.sun.management.OperatingSystemMXBean;
import io.mcpwatch.engine.LogEvent;
import io.mcpwatch.demo.CorpusGenerator;
import io.mcpwatch.source.read.EventReader;
import io.mcpwatch.source.read.EventReaders;
import io.mcpwatch.source.read.ReadOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reader throughput: decodes a generated 64 MiB file (uvicorn-like JSON lines, or the same traffic
 * as Docker json-file records) from the page cache into {@link LogEvent}s. One invocation reads the
 * whole file and counts as 64 operations, so the score in ops/s is MiB/s.
 *
 * <p>Run: {@code java -jar mcpwatch-bench/target/benchmarks.jar ReadersBench -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class ReadersBench {
  private static final int MIB = 64;

  @Param({"JSON_LINES", "DOCKER"})
  public CorpusGenerator.Format format;

  private Path file;
  private final ReadOptions options = ReadOptions.defaults().withDefaultLogGroup("/bench");

  @Setup(Level.Trial)
  public void generate() throws IOException {
    file = Files.createTempFile("mcpwatch-readers-bench", ".log");
    CorpusGenerator.write(file, (long) MIB << 20, 42, format);
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    Files.deleteIfExists(file);
  }

  /**
   * Process CPU time beside the wall-clock score, for shared machines where other processes take
   * CPU: MiB per CPU-second = {@code mebibytes / cpuMicros * 1e6} (both summed the same way). It
   * includes the GC and JIT threads.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuCounters {
    public long mebibytes;
    public long cpuMicros;
  }

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Reads the whole file; the score is MiB/s. */
  @Benchmark
  @OperationsPerInvocation(MIB)
  public long readFile(Blackhole bh, CpuCounters cpu) throws IOException {
    long cpuStart = OS.getProcessCpuTime();
    long events = 0;
    try (EventReader r = EventReaders.open(file, options)) {
      for (LogEvent e; (e = r.next()) != null; ) {
        bh.consume(e);
        events++;
      }
    }
    cpu.cpuMicros += (OS.getProcessCpuTime() - cpuStart) / 1000;
    cpu.mebibytes += MIB;
    return events;
  }
}
