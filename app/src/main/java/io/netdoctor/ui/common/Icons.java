package io.netdoctor.ui.common;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

/** The app's icons (Ikonli Material 2), named by what they stand for. */
public final class Icons {

  public static final Ikon CLUSTER = Material2OutlinedAL.CLOUD_QUEUE;
  public static final Ikon FOLDER = Material2OutlinedAL.FOLDER;
  public static final Ikon NAMESPACE = Material2OutlinedAL.FOLDER_OPEN;
  public static final Ikon NODE = Material2OutlinedMZ.STORAGE;
  public static final Ikon POD_RUNNING = Material2AL.CHECK_CIRCLE;
  public static final Ikon POD_PENDING = Material2MZ.SCHEDULE;
  public static final Ikon POD_FAILED = Material2AL.ERROR;
  public static final Ikon POD_SUCCEEDED = Material2AL.DONE_ALL;
  public static final Ikon POD_UNKNOWN = Material2AL.HELP;
  public static final Ikon POD_TERMINATING = Material2AL.DELETE_SWEEP;
  public static final Ikon CONTAINER = Material2OutlinedAL.ALL_INBOX;
  public static final Ikon SEARCH = Material2MZ.SEARCH;
  public static final Ikon DARK = Material2AL.BRIGHTNESS_2;
  public static final Ikon LIGHT = Material2OutlinedMZ.WB_SUNNY;
  public static final Ikon COPY = Material2OutlinedAL.CONTENT_COPY;
  public static final Ikon CLEAR = Material2OutlinedAL.DELETE_SWEEP;
  public static final Ikon CODE = Material2AL.CODE;
  public static final Ikon INFO = Material2OutlinedAL.INFO;
  public static final Ikon HELP = Material2OutlinedAL.HELP_OUTLINE;
  public static final Ikon WARNING = Material2OutlinedMZ.WARNING;
  public static final Ikon CONNECTED = Material2AL.LINK;
  public static final Ikon DISCONNECTED = Material2AL.LINK_OFF;
  public static final Ikon SYNC = Material2MZ.SYNC;
  public static final Ikon ADD = Material2AL.ADD;
  public static final Ikon EXPAND = Material2MZ.UNFOLD_MORE;
  public static final Ikon COLLAPSE = Material2MZ.UNFOLD_LESS;
  public static final Ikon SERVICE = Material2AL.DEVICE_HUB;
  public static final Ikon DNS = Material2OutlinedAL.DNS;
  public static final Ikon RUN = Material2MZ.PLAY_ARROW;
  public static final Ikon RERUN = Material2MZ.REPLAY;
  public static final Ikon COMPARE = Material2AL.COMPARE_ARROWS;
  public static final Ikon EVERY_POD = Material2AL.CALL_SPLIT;
  public static final Ikon CHECKLIST = Material2AL.FACT_CHECK;
  public static final Ikon PASS = Material2AL.CHECK_CIRCLE;
  public static final Ikon FAIL = Material2AL.CANCEL;
  public static final Ikon SKIPPED = Material2MZ.REMOVE_CIRCLE_OUTLINE;
  public static final Ikon FROM_POD = Material2AL.ALT_ROUTE;

  private Icons() {
  }

  public static FontIcon of(Ikon ikon) {
    return new FontIcon(ikon);
  }

  public static FontIcon of(Ikon ikon, String styleClass) {
    FontIcon icon = new FontIcon(ikon);
    icon.getStyleClass().add(styleClass);
    return icon;
  }
}
