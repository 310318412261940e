package io.mcpwatch.source.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobSetTest {
  @TempDir Path dir;

  private Path touch(String relative) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "");
    return p;
  }

  @Test
  void expand_matchesOnlyAsDeepAsTheGlobAndOnlyFiles() throws IOException {
    Path top = touch("a.log");
    touch("sub/b.log");
    Files.createDirectories(dir.resolve("dir.log"));
    GlobSet globs = GlobSet.parse(List.of(dir.resolve("*.log").toString()));
    assertThat(globs.expand()).containsExactly(top);
  }

  @Test
  void expand_doubleStarGoesDownAnyDepth() throws IOException {
    Path a = touch("x/a.log");
    Path b = touch("x/y/z/b.log");
    touch("x/y/z/b.txt");
    GlobSet globs = GlobSet.parse(List.of(dir.resolve("x/**.log").toString()));
    assertThat(globs.expand()).containsExactly(a, b);
  }

  @Test
  void expand_literalPathAndBracesAndMissingDirectories() throws IOException {
    Path one = touch("one.log");
    Path two = touch("svc/two.jsonl");
    Path three = touch("svc/three.log");
    GlobSet globs =
        GlobSet.parse(
            List.of(
                one.toString(),
                dir.resolve("svc/*.{jsonl,log}").toString(),
                dir.resolve("missing/*.log").toString()));
    assertThat(globs.expand()).containsExactly(one, three, two);
    assertThat(globs.matches(dir.resolve("svc/four.log"))).isTrue();
    assertThat(globs.matches(dir.resolve("svc/four.txt"))).isFalse();
  }

  @Test
  void expand_followsSymlinkedFiles() throws IOException {
    Path target = touch("pods/0.log");
    Path link = dir.resolve("containers/app.log");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, target);
    GlobSet globs = GlobSet.parse(List.of(dir.resolve("containers/*.log").toString()));
    assertThat(globs.expand()).containsExactly(link);
  }

  @Test
  void parse_rejectsBlankAndInvalidGlobs() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> GlobSet.parse(List.of(" ")))
        .withMessageContaining("blank");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> GlobSet.parse(List.of(dir.resolve("{a,b").toString())))
        .withMessageContaining("{a,b");
  }
}
