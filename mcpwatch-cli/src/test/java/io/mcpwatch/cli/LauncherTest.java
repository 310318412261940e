package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mcpwatch} launcher shows progress while it builds the jar: one line per module
 * Maven builds, then the time it took. Run on a copy of the script with stand-ins for {@code mvn}
 * (prints Maven's module lines and writes the jar) and {@code java} on the PATH. It also writes and
 * uses a class-data-sharing archive per jar and JVM: with the stand-in {@code java} (which logs its
 * calls and writes what {@code -Xshare:dump} is asked to), and with the real JVM on a small jar whose
 * stdout is JSON, to show that a missing, corrupt or stale archive never reaches stdout.
 */
class LauncherTest {
  @TempDir Path dir;

  private Path script(String name, String body) throws IOException {
    Path p = dir.resolve("bin").resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "#!/usr/bin/env bash\n" + body, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  private record Result(int exit, String out, String err) {}

  private Result launch(String... args) throws Exception {
    return launch(Map.of(), args);
  }

  private Result launch(Map<String, String> env, String... args) throws Exception {
    Path launcher = dir.resolve("mcpwatch");
    if (!Files.exists(launcher)) {
      Files.copy(Path.of("..", "mcpwatch"), launcher);
      Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("bash",
        launcher.toString()));
    cmd.addAll(java.util.List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
    pb.environment().remove("MCPWATCH_JAR");
    pb.environment().remove("MCPWATCH_CDS");
    pb.environment().remove("MCPWATCH_JAVA_OPTS");
    pb.environment().putAll(env);
    pb.redirectOutput(dir.resolve("out.txt").toFile());
    pb.redirectError(dir.resolve("err.txt").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Result(p.exitValue(), Files.readString(dir.resolve("out.txt")),
        Files.readString(dir.resolve("err.txt")));
  }

  @Test
  void launcher_printsOneLinePerModuleWhileItBuildsTheJar() throws Exception {
    script("mvn", String.join("\n",
        "echo '[INFO] Scanning for projects...'",
        "echo '[INFO] Building mcpwatch-core 0.1.0-SNAPSHOT                        [1/3]'",
        "echo '[INFO] Building jar: /x/mcpwatch-core.jar'",
        "echo '[INFO] Building mcpwatch-runtime 0.1.0-SNAPSHOT                     [2/3]'",
        "echo '[INFO] Building mcpwatch-cli 0.1.0-SNAPSHOT                         [3/3]'",
        "mkdir -p mcpwatch-cli/target && echo jar > mcpwatch-cli/target/mcpwatch.jar",
        "echo '[INFO] BUILD SUCCESS'", ""));
    script("java", "echo \"java $*\"\n");

    Result r = launch("--version");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("-jar").contains("mcpwatch.jar --version");
    assertThat(r.err().lines().toList())
        .first().asString().startsWith("mcpwatch: building mcpwatch.jar");
    assertThat(r.err()).containsPattern("mcpwatch:   \\[1/3\\] mcpwatch-core \\(\\d+ s\\)")
        .containsPattern("mcpwatch:   \\[2/3\\] mcpwatch-runtime \\(\\d+ s\\)")
        .containsPattern("mcpwatch:   \\[3/3\\] mcpwatch-cli \\(\\d+ s\\)")
        .containsPattern("mcpwatch: built in \\d+ s")
        .doesNotContain("Building jar").doesNotContain("Scanning");
  }

  @Test
  void launcher_failedBuild_showsMavensErrorsAndExits1() throws Exception {
    script("mvn", String.join("\n",
        "echo '[INFO] Building mcpwatch-core 0.1.0-SNAPSHOT                        [1/3]'",
        "echo '[ERROR] /x/Foo.java:[3,1] class, interface, enum, or record expected'",
        "exit 1", ""));
    script("java", "echo \"java $*\"\n");

    Result r = launch("--version");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("[ERROR] /x/Foo.java:[3,1]")
        .contains("mcpwatch: build failed");
  }

  // ---- class-data sharing, stand-in java ----

  /** A stand-in java: logs each call; -Xshare:dump writes its -XX:SharedArchiveFile (unless told to fail). */
  private void standInJava(boolean dumpFails) throws IOException {
    script("java", String.join("\n",
        "echo \"java $*\" >> '" + dir.resolve("java.log") + "'",
        "dump=0; for a in \"$@\"; do [ \"$a\" = -Xshare:dump ] && dump=1; done",
        "if [ $dump = 1 ]; then",
        "  for a in \"$@\"; do case \"$a\" in -XX:SharedClassListFile=*) cp \"${a#*=}\" \""
            + dir + "/dumped-$(basename \"${a#*=}\")\";; esac; done",
        dumpFails ? "  exit 1" : "  for a in \"$@\"; do case \"$a\" in -XX:SharedArchiveFile=*) echo archive > \"${a#*=}\";; esac; done",
        "  exit 0",
        "fi",
        "for a in \"$@\"; do case \"$a\" in -XX:DumpLoadedClassList=*) printf '%s\\n' java/lang/Object"
            + " '@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L_L'"
            + " '@lambda-proxy java/lang/Object run ()V' > \"${a#*=}\";; esac; done",
        "echo \"java $*\"", ""));
  }

  private Path appJar() throws IOException {
    Path jar = dir.resolve("app").resolve("mcpwatch.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    return jar;
  }

  private java.util.List<Path> archives(Path jar) throws IOException {
    try (Stream<Path> s = Files.list(jar.getParent())) {
      return s.filter(p -> p.getFileName().toString().matches("mcpwatch-cds-\\d+-\\d+\\.jsa")).toList();
    }
  }

  @Test
  void launcher_afterABuild_writesTheArchiveAndRunsWithIt_andJvmWarningsGoToStderr() throws Exception {
    script("mvn", String.join("\n",
        "echo '[INFO] Building mcpwatch-cli 0.1.0-SNAPSHOT                         [1/1]'",
        "mkdir -p mcpwatch-cli/target && echo jar > mcpwatch-cli/target/mcpwatch.jar", ""));
    standInJava(false);

    Result r = launch("status", "--format", "json");

    assertThat(r.exit()).as(r.err()).isZero();
    java.util.List<Path> archives = archives(dir.resolve("mcpwatch-cli/target/mcpwatch.jar"));
    assertThat(archives).hasSize(1);
    assertThat(r.err()).contains("mcpwatch: writing the class-data archive");
    assertThat(r.out()).contains("-Xlog:disable -Xlog:all=warning:stderr")
        .contains("-XX:SharedArchiveFile=" + archives.get(0))
        .endsWith("mcpwatch.jar status --format json\n");
    String log = Files.readString(dir.resolve("java.log"));
    assertThat(log).contains("-XX:DumpLoadedClassList=").contains("--help").contains("validate -c m.yaml")
        .contains("-Xshare:dump");
  }

  @Test
  void launcher_training_servesOneIngestOnAFreePort_andLeavesTheLambdaFormHoldersOut()
      throws Exception {
    standInJava(false);
    Path jar = appJar();

    Result r = launch(Map.of("MCPWATCH_JAR", jar.toString(), "MCPWATCH_CDS", "now"), "--version");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(archives(jar)).hasSize(1);
    assertThat(dir.resolve("java.log")).content()
        .contains("-XX:DumpLoadedClassList=run.lst -jar " + jar
            + " run -c m.yaml --port 0 --exit-after-ingest");
    // JDK 17 with JFR recording crashes loading archived lambda-form holders: never archived
    assertThat(dir.resolve("dumped-all.classlist")).content()
        .contains("java/lang/Object").contains("@lambda-proxy java/lang/Object run ()V")
        .doesNotContain("@lambda-form-invoker");
  }

  @Test
  void launcher_fileCommandsMapTheSmallerArchive_theOthersTheWhole() throws Exception {
    standInJava(false);
    Path jar = appJar();
    Map<String, String> env = Map.of("MCPWATCH_JAR", jar.toString(), "MCPWATCH_CDS", "now");

    Result validate = launch(env, "validate", "-c", "x.yaml");

    assertThat(validate.exit()).as(validate.err()).isZero();
    Path whole = archives(jar).get(0);
    Path files = whole.resolveSibling(whole.getFileName().toString().replace(".jsa", "-files.jsa"));
    assertThat(files).exists();
    assertThat(validate.out()).contains("-XX:SharedArchiveFile=" + files + " ");
    assertThat(launch(env, "backtest", "--env", "prod", "x.jsonl").out())
        .contains("-XX:SharedArchiveFile=" + files + " ");
    assertThat(launch(env, "status").out()).contains("-XX:SharedArchiveFile=" + whole + " ");
    assertThat(launch(env, "run", "-c", "x.yaml").out()).contains("-XX:SharedArchiveFile=" + whole + " ");
    // the smaller archive is dumped from the file commands' lists only, with the lambda-form holders
    String log = Files.readString(dir.resolve("java.log"));
    assertThat(log).contains("-XX:SharedClassListFile=files.classlist")
        .contains("-XX:SharedClassListFile=all.classlist");
    assertThat(dir.resolve("dumped-files.classlist")).content().contains("java/lang/Object")
        .contains("@lambda-form-invoker");
    // ... so a JVM that may record with JFR or run an agent maps the whole archive (JDK 17 crashes
    // loading archived holders while a class-file hook is on)
    for (String opts : java.util.List.of("-XX:StartFlightRecording=filename=x.jfr",
        "-javaagent:agent.jar", "-agentlib:jdwp=transport=dt_socket")) {
      assertThat(launch(Map.of("MCPWATCH_JAR", jar.toString(), "MCPWATCH_JAVA_OPTS", opts),
          "backtest", "--env", "prod", "x.jsonl").out())
          .contains("-XX:SharedArchiveFile=" + whole + " ").doesNotContain("-files.jsa");
      assertThat(launch(Map.of("MCPWATCH_JAR", jar.toString(), "JAVA_TOOL_OPTIONS", opts),
          "validate", "-c", "x.yaml").out())
          .contains("-XX:SharedArchiveFile=" + whole + " ").doesNotContain("-files.jsa");
    }
    // without it, the file commands use the whole archive
    Files.delete(files);
    assertThat(launch(env, "backtest", "--env", "prod", "x.jsonl").out())
        .contains("-XX:SharedArchiveFile=" + whole + " ");
  }

  @Test
  void launcher_backtest_c1AloneBelow4GiBOfInput_c2ForMoreOrForStdin() throws Exception {
    standInJava(false);
    Map<String, String> env = Map.of("MCPWATCH_JAR", appJar().toString(), "MCPWATCH_CDS", "off");
    Path small = dir.resolve("small.jsonl");
    Files.writeString(small, "{}\n");
    Path large = dir.resolve("large.jsonl"); // sparse: 4 GiB and one byte
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(large.toFile(), "rw")) {
      f.setLength((4L << 30) + 1);
    }
    String serial = "-XX:+UseSerialGC -Xmn16m -XX:PretenureSizeThreshold=512k"
        + " -XX:MaxTenuringThreshold=0";
    String c1 = serial + " -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -jar";
    assertThat(launch(env, "backtest", "--env", "prod", small.toString()).out()).contains(c1);
    assertThat(launch(env, "backtest", "--env", "prod", small.toString(), small.toString()).out())
        .contains(c1);
    assertThat(launch(env, "backtest", "--env", "prod", large.toString()).out())
        .contains(serial + " -jar");
    assertThat(launch(env, "backtest", "--env", "prod", "-").out()).contains(serial + " -jar");
  }

  @Test
  void launcher_runAndDemo_getTheServiceOptionsAndTheC1CompilerAlone() throws Exception {
    standInJava(false);
    Map<String, String> env = Map.of("MCPWATCH_JAR", appJar().toString(), "MCPWATCH_CDS", "off");
    String service = "-Xmx128m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m"
        + " -XX:ReservedCodeCacheSize=64m -XX:TieredStopAtLevel=1";

    // and the JVM's compiler threads: with one, 10,000 alarms' minute boundaries waited for code
    // still queued for compiling
    assertThat(launch(env, "run", "-c", "x.yaml").out()).contains(service + " -jar")
        .endsWith("mcpwatch.jar run -c x.yaml\n");
    assertThat(launch(env, "demo").out()).contains(service + " -jar");
    // MCPWATCH_JAVA_OPTS comes last, so it can bring C2 back
    assertThat(launch(Map.of("MCPWATCH_JAR", env.get("MCPWATCH_JAR"), "MCPWATCH_CDS", "off",
            "MCPWATCH_JAVA_OPTS", "-XX:TieredStopAtLevel=4"), "run").out())
        .contains(service + " -XX:TieredStopAtLevel=4 -jar");
  }

  @Test
  void launcher_shortCommandsWithC1Alone_oneCompilerThread_unlessTheEnvironmentChoosesTheCompilers()
      throws Exception {
    standInJava(false);
    Map<String, String> env = Map.of("MCPWATCH_JAR", appJar().toString(), "MCPWATCH_CDS", "off");
    String c1 = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:CICompilerCount=1 -jar";
    for (String command : new String[] {"status", "validate", "subscriptions", "test-pattern", "init"}) {
      assertThat(launch(env, command).out()).as(command).contains(c1);
    }
    // with C2 the JVM refuses a single compiler thread ("CICompilerCount (1) must be at least 2")
    for (String var : new String[] {"MCPWATCH_JAVA_OPTS", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"}) {
      for (String opts : new String[] {"-XX:TieredStopAtLevel=4", "-XX:-TieredCompilation",
          "-XX:CICompilerCount=3"}) {
        assertThat(launch(Map.of("MCPWATCH_JAR", env.get("MCPWATCH_JAR"), "MCPWATCH_CDS", "off",
                var, opts), "status").out())
            .as(var + "=" + opts)
            .contains("-XX:TieredStopAtLevel=1 -XX:+UseSerialGC ")
            .doesNotContain("-XX:CICompilerCount=1");
      }
    }
  }

  @Test
  void launcher_archiveOfAnotherBuildOfTheJar_isRemovedAndNeverUsed() throws Exception {
    standInJava(false);
    Path jar = appJar();
    Map<String, String> env = Map.of("MCPWATCH_JAR", jar.toString(), "MCPWATCH_CDS", "now");
    launch(env, "--version");
    Path first = archives(jar).get(0);
    Files.writeString(jar, "a rebuilt jar, another size");
    Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(
        Files.getLastModifiedTime(jar).toMillis() + 5_000));

    Result r = launch(env, "--version");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(first).doesNotExist();
    java.util.List<Path> archives = archives(jar);
    assertThat(archives).hasSize(1).doesNotContain(first);
    assertThat(r.out()).contains("-XX:SharedArchiveFile=" + archives.get(0))
        .doesNotContain(first.getFileName().toString());
  }

  @Test
  void launcher_archiveCannotBeWritten_commandRunsWithoutIt() throws Exception {
    standInJava(true);
    Path jar = appJar();

    Result r = launch(Map.of("MCPWATCH_JAR", jar.toString(), "MCPWATCH_CDS", "now"), "--version");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("mcpwatch: could not write the class-data archive; running without it");
    assertThat(r.out()).doesNotContain("SharedArchiveFile").endsWith("mcpwatch.jar --version\n");
    assertThat(archives(jar)).isEmpty();
    try (Stream<Path> s = Files.list(jar.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("mcpwatch.jar");
    }
  }

  @Test
  void launcher_noArchiveWithoutABuild_runsAtOnceAndWritesItInTheBackground() throws Exception {
    standInJava(false);
    Path jar = appJar();

    Result r = launch(Map.of("MCPWATCH_JAR", jar.toString()), "--version");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("SharedArchiveFile").endsWith("mcpwatch.jar --version\n");
    assertThat(r.err()).isEmpty();
    Awaitility.await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
      assertThat(archives(jar)).hasSize(1);
      try (Stream<Path> s = Files.list(jar.getParent())) { // the writer's lock is gone: it has finished
        assertThat(s.filter(p -> p.toString().endsWith(".lock"))).isEmpty();
      }
    });
    assertThat(launch(Map.of("MCPWATCH_JAR", jar.toString()), "--version").out())
        .contains("-XX:SharedArchiveFile=" + archives(jar).get(0));
  }

  @Test
  void launcher_cdsOff_neitherWritesNorUsesAnArchive() throws Exception {
    standInJava(false);
    Path jar = appJar();

    Result r = launch(Map.of("MCPWATCH_JAR", jar.toString(), "MCPWATCH_CDS", "off"), "--version");

    assertThat(r.exit()).isZero();
    assertThat(r.out()).doesNotContain("SharedArchiveFile");
    assertThat(archives(jar)).isEmpty();
    assertThat(dir.resolve("java.log")).content().doesNotContain("-Xshare:dump");
  }

  // ---- class-data sharing, the real JVM ----

  /** A jar whose main prints one JSON object naming its arguments, as --format json does. */
  private Path realJar(Path jar, String extra) throws IOException {
    Path src = dir.resolve("src").resolve("JsonMain.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, "public class JsonMain { public static void main(String[] a) {"
        + " System.out.println(\"{\\\"args\\\": \\\"\" + String.join(\" \", a) + \"\\\"}\"); } }");
    Path classes = dir.resolve("classes");
    assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
        src.toString())).isZero();
    Files.createDirectories(jar.getParent());
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "JsonMain");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
      out.putNextEntry(new JarEntry("JsonMain.class"));
      out.write(Files.readAllBytes(classes.resolve("JsonMain.class")));
      out.putNextEntry(new JarEntry("extra.txt"));
      out.write(extra.getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  @Test
  void launcher_realJvm_stdoutIsOnlyTheJson_withAMissingACorruptAndAStaleArchive() throws Exception {
    Path jar = realJar(dir.resolve("app").resolve("mcpwatch.jar"), "build 1");
    Map<String, String> now = Map.of("MCPWATCH_JAR", jar.toString(), "MCPWATCH_CDS", "now",
        "PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin"); // this JVM
    String json = "{\"args\": \"backtest --format json\"}\n";

    Result missing = launch(now, "backtest", "--format", "json");
    assertThat(missing.exit()).as(missing.err()).isZero();
    assertThat(missing.out()).isEqualTo(json);
    assertThat(archives(jar)).as(missing.err()).hasSize(1);
    Path archive = archives(jar).get(0);

    Result used = launch(now, "backtest", "--format", "json");
    assertThat(used.exit()).as(used.err()).isZero();
    assertThat(used.out()).isEqualTo(json);
    assertThat(used.err()).isEmpty();
    // the file commands' smaller archive, lambda-form holders and all, maps (-Xshare:on fails if not)
    Path files = archive.resolveSibling(archive.getFileName().toString().replace(".jsa", "-files.jsa"));
    assertThat(files).exists();
    Map<String, String> on = new java.util.HashMap<>(now);
    on.put("MCPWATCH_JAVA_OPTS", "-Xshare:on");
    Result mapped = launch(on, "backtest", "--format", "json");
    assertThat(mapped.exit()).as(mapped.err()).isZero();
    assertThat(mapped.out()).isEqualTo(json);
    assertThat(mapped.err()).isEmpty();

    byte[] good = Files.readAllBytes(archive);
    Files.write(archive, "not an archive, garbage".repeat(1000).getBytes(StandardCharsets.UTF_8));
    Result corrupt = launch(now, "status", "--format", "json");
    assertThat(corrupt.exit()).as(corrupt.err()).isZero();
    assertThat(corrupt.out()).isEqualTo("{\"args\": \"status --format json\"}\n");

    // the jar is rebuilt: a new archive is written; then the old jar's archive is put in its place,
    // so the JVM itself meets an archive of another jar
    Files.delete(jar);
    realJar(jar, "build 2, a different size");
    Result rebuilt = launch(now, "backtest", "--format", "json");
    assertThat(rebuilt.exit()).as(rebuilt.err()).isZero();
    assertThat(rebuilt.out()).isEqualTo(json);
    assertThat(archive).doesNotExist();
    Path second = archives(jar).get(0);
    Files.write(second, good);
    Result stale = launch(now, "backtest", "--format", "json");
    assertThat(stale.exit()).as(stale.err()).isZero();
    assertThat(stale.out()).isEqualTo(json);
  }
}
