package io.mcpwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mcpwatch} launcher shows progress while it builds the jar: one line per module
 * Maven builds, then the time it took. Run on a copy of the script with stand-ins for {@code mvn}
 * (prints Maven's module lines and writes the jar) and {@code java} on the PATH.
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
    Path launcher = dir.resolve("mcpwatch");
    Files.copy(Path.of("..", "mcpwatch"), launcher);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("bash",
        launcher.toString()));
    cmd.addAll(java.util.List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
    pb.redirectOutput(dir.resolve("out.txt").toFile());
    pb.redirectError(dir.resolve("err.txt").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
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
}
