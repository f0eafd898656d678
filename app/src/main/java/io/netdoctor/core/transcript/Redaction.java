package io.netdoctor.core.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Masks credentials so that tokens, passwords and keys never reach the transcript or logs. */
public final class Redaction {

  static final String MASK = "***";
  private static final Set<String> SECRET_FLAGS = Set.of(
      "--token", "--password", "--client-key", "--client-key-data", "--passphrase", "--bearer-token",
      "--auth-token", "-P");
  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
  /** {@code Authorization: Basic dXNlcjpwYXNz} and the like: whatever scheme, the credential goes. */
  private static final Pattern AUTHORIZATION =
      Pattern.compile("(?i)(authorization[\"']?\\s*[=:]\\s*(?:basic\\s+|bearer\\s+|token\\s+)?)[^\\s\"',;]+");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
  /** {@code token: x}, {@code password=x}, and quoted keys as JSON and YAML write them ({@code "password": "x"}). */
  private static final Pattern KEY_VALUE = Pattern.compile(
      "(?i)((?:token|password|passwd|passphrase|secret|client-key-data|key-data)[\"']?[=:]\\s*)\\S+");
  /** A PEM private key, also one cut off before its END line (a truncated message). */
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|\\z)");
  /** A base64-encoded PEM block ("-----BEGIN " encoded), as kubeconfigs carry client keys. */
  private static final Pattern PEM_BASE64 = Pattern.compile("LS0tLS1CRUdJTi[A-Za-z0-9+/=]{16,}");
  /** The password in a URL's user info: {@code https://user:PASS@host}. */
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(\\b[a-z][a-z0-9+.-]*://[^/\\s:@]*:)[^/\\s]*@");

  private Redaction() {
  }

  /** The argument list with the value of every secret-bearing flag replaced by a mask. */
  public static List<String> redactArguments(List<String> argv) {
    var out = new ArrayList<String>(argv.size());
    boolean maskNext = false;
    for (String arg : argv) {
      if (maskNext) {
        out.add(MASK);
        maskNext = false;
        continue;
      }
      String lower = arg.toLowerCase(Locale.ROOT);
      int eq = lower.indexOf('=');
      if (eq > 0 && SECRET_FLAGS.contains(lower.substring(0, eq))) {
        out.add(arg.substring(0, eq + 1) + MASK);
      } else {
        maskNext = SECRET_FLAGS.contains(lower);
        out.add(redactText(arg));
      }
    }
    return out;
  }

  /** Free text with anything that looks like a credential masked. */
  public static String redactText(String text) {
    String out = PEM.matcher(text).replaceAll(MASK);
    out = PEM_BASE64.matcher(out).replaceAll(MASK);
    out = AUTHORIZATION.matcher(out).replaceAll("$1" + MASK);
    out = BEARER.matcher(out).replaceAll("$1" + MASK);
    out = JWT.matcher(out).replaceAll(MASK);
    out = URL_PASSWORD.matcher(out).replaceAll("$1" + MASK + "@");
    return KEY_VALUE.matcher(out).replaceAll("$1" + MASK);
  }

  /** A URL (or text holding URLs) with the password of its user info masked: {@code http://admin:***@host}. */
  public static String maskUserInfo(String text) {
    return text == null ? null : URL_PASSWORD.matcher(text).replaceAll("$1" + MASK + "@");
  }
}
