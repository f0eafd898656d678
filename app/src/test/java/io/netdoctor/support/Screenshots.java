package io.netdoctor.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * The window demos' hand-off to whoever takes the screenshots from outside (`import -window root` under Xvfb):
 * the demo prints "SHOT name" once the frame is on screen, and holds it until the picture {@code DIR/name.png}
 * exists ({@code -Dshots=DIR}, default /tmp/netdoctor-shots), e.g.
 * {@code ... | while read -r w n; do [ "$w" = SHOT ] && import -window root "$DIR/t.png" && mv "$DIR/t.png" "$DIR/$n.png"; done}
 * (written aside and moved, so the picture appears whole).
 */
public final class Screenshots {

  private Screenshots() {
  }

  /** Where the pictures go. */
  public static Path dir() {
    return Path.of(System.getProperty("shots", "/tmp/netdoctor-shots"));
  }

  /** Announces {@code name} once the FX thread has drawn what is queued, then holds until its picture is taken. */
  public static void take(String name) throws java.io.IOException {
    org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    Files.createDirectories(dir());
    Path picture = dir().resolve(name + ".png");
    Files.deleteIfExists(picture);
    System.out.println("SHOT " + name);
    System.out.flush();
    Awaitility.await("the screenshot " + picture).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
        .until(() -> Files.exists(picture) && Files.size(picture) > 0);
  }
}
