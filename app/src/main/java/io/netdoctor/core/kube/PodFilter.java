package io.netdoctor.core.kube;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the tree's filter box means: a label selector when the text has one of a selector's operators
 * ({@code app=redis}, {@code !canary}, {@code tier in (a,b)}, {@code a,b}) or starts with {@code -l}
 * as on kubectl's command line ({@code -l app}: pods that have the key), otherwise a case-insensitive
 * name fragment matched against pod, container, namespace and node names and the pod IP.
 */
public final class PodFilter {

  public static final PodFilter NONE = new PodFilter("", null);

  /** Between fields in {@link #searchText}: no name, IP or ID has it. */
  private static final char SEPARATOR = '\n';

  /** Eight bytes of a search text read as one long, to look for a fragment's first byte eight at a time. */
  private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class,
      ByteOrder.LITTLE_ENDIAN);
  private static final long EVERY_BYTE_ONE = 0x0101010101010101L;
  private static final long EVERY_BYTE_HIGH_BIT = 0x8080808080808080L;

  private final String fragment;
  /** The fragment as a {@link #searchText} holds it. */
  private final byte[] fragmentBytes;
  private final LabelSelector selector;

  private PodFilter(String fragment, LabelSelector selector) {
    this.fragment = fragment;
    this.fragmentBytes = fragment.getBytes(StandardCharsets.UTF_8);
    this.selector = selector;
  }

  /** Parses the box's text; an unreadable selector throws {@link InvalidSelectorException} with the reason. */
  public static PodFilter parse(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      return NONE;
    }
    String explicit = explicitSelector(t);
    if (explicit != null) {
      return new PodFilter("", LabelSelector.parse(explicit));
    }
    if (looksLikeSelector(t)) {
      return new PodFilter("", LabelSelector.parse(t));
    }
    return new PodFilter(t.toLowerCase(Locale.ROOT), null);
  }

  /** True when the text has a character only a selector has: names, IPs and IDs never do. */
  static boolean looksLikeSelector(String text) {
    for (int i = 0; i < text.length(); i++) {
      if ("=!(),<>".indexOf(text.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** The selector after a leading {@code -l } or {@code --selector } ({@code =} also), or null. */
  private static String explicitSelector(String text) {
    for (String flag : new String[] {"--selector=", "--selector ", "-l=", "-l "}) {
      if (text.startsWith(flag)) {
        return text.substring(flag.length());
      }
    }
    return null;
  }

  public boolean isEmpty() {
    return this == NONE;
  }

  public boolean isSelector() {
    return selector != null;
  }

  public boolean matches(PodInfo pod) {
    if (this == NONE) {
      return true;
    }
    if (selector != null) {
      return selector.matches(pod.labels());
    }
    if (contains(pod.name()) || contains(pod.namespace()) || contains(pod.node()) || contains(pod.podIP())) {
      return true;
    }
    for (ContainerInfo c : pod.containers()) {
      if (contains(c.name()) || (c.containerId() != null
          && containsIn(c.containerId().id(), Math.min(c.containerId().id().length(), ContainerId.SHORT_LENGTH)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a name fragment is looked for in, as one text in UTF-8: the pod's name, namespace, node, IP, container names
   * and short container IDs, lower case, one field to a line (a fragment never spans two). A filter over 150,000
   * pods then reads one text per pod ({@link #matchesText}), and the tree keeps them end to end in one array,
   * instead of following a dozen objects spread over the heap.
   */
  public static byte[] searchText(PodInfo pod) {
    var text = new StringBuilder(96).append(pod.name()).append(SEPARATOR).append(pod.namespace()).append(SEPARATOR)
        .append(pod.node()).append(SEPARATOR).append(pod.podIP());
    for (ContainerInfo c : pod.containers()) {
      text.append(SEPARATOR).append(c.name());
      if (c.containerId() != null) {
        String id = c.containerId().id();
        text.append(SEPARATOR).append(id, 0, Math.min(id.length(), ContainerId.SHORT_LENGTH));
      }
    }
    return text.toString().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@link #matches(PodInfo)}, given the pod's {@link #searchText} (made once per pod and kept by the caller).
   */
  public boolean matches(PodInfo pod, byte[] searchText) {
    return readsSearchTextOnly() ? matchesText(searchText, 0, searchText.length) : matches(pod);
  }

  /** Whether a pod's {@link #searchText} alone tells whether it matches (a name fragment): see {@link #matchesText}. */
  public boolean readsSearchTextOnly() {
    return this != NONE && selector == null && fragment.indexOf(SEPARATOR) < 0;
  }

  /**
   * Whether the {@link #searchText} at {@code [offset, offset + length)} of {@code texts} holds the fragment; only
   * when {@link #readsSearchTextOnly()}. Its first byte is looked for eight bytes at a time (a filter reads the
   * texts of 150,000 pods per keystroke), each place it is found compared whole.
   */
  public boolean matchesText(byte[] texts, int offset, int length) {
    byte[] wanted = fragmentBytes;
    int lastStart = offset + length - wanted.length;
    long firstEverywhere = (wanted[0] & 0xFFL) * EVERY_BYTE_ONE;
    int i = offset;
    for (; i + Long.BYTES - 1 <= lastStart; i += Long.BYTES) {
      long differs = (long) EIGHT_BYTES.get(texts, i) ^ firstEverywhere;
      // a high bit for each byte that is zero, i.e. equal to the first byte (and maybe for a byte after one)
      long candidates = (differs - EVERY_BYTE_ONE) & ~differs & EVERY_BYTE_HIGH_BIT;
      while (candidates != 0) {
        if (startsAt(texts, i + (Long.numberOfTrailingZeros(candidates) >>> 3), wanted)) {
          return true;
        }
        candidates &= candidates - 1;
      }
    }
    for (; i <= lastStart; i++) {
      if (startsAt(texts, i, wanted)) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsAt(byte[] texts, int at, byte[] wanted) {
    for (int j = 0; j < wanted.length; j++) {
      if (texts[at + j] != wanted[j]) {
        return false;
      }
    }
    return true;
  }

  /** A node shows when its name matches a name filter (with all its pods) or when one of its pods does. */
  public boolean matchesNodeName(String node) {
    return this == NONE || (selector == null && contains(node));
  }

  /** A name filter shows Services by name, namespace or ClusterIP; a label selector (meant for pods) hides them. */
  public boolean matchesService(ServiceInfo service) {
    return this == NONE || (selector == null && (contains(service.name()) || contains(service.namespace())
        || contains(service.clusterIP())));
  }

  public boolean matchesNamespaceName(String namespace) {
    return this == NONE || (selector == null && contains(namespace));
  }

  private boolean contains(String s) {
    return s != null && containsIn(s, s.length());
  }

  /**
   * Whether the first {@code end} characters of {@code s} hold the fragment, case ignored. Copies nothing: a
   * filter matches every field of 150,000 pods per keystroke.
   */
  private boolean containsIn(String s, int end) {
    int length = fragment.length();
    if (length == 0) {
      return end > 0;
    }
    char lower = fragment.charAt(0);
    char upper = Character.toUpperCase(lower);
    for (int i = 0; i + length <= end; i++) {
      char c = s.charAt(i);
      if ((c == lower || c == upper || c > 127) && s.regionMatches(true, i, fragment, 0, length)) {
        return true;
      }
    }
    return false;
  }
}
