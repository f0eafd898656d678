package io.netdoctor.core.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import io.netdoctor.core.command.Command;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptTest {

  private final Transcript transcript = new Transcript(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), 3);

  @Test
  void recordsCommandsAsShellTextAndNotifiesListeners() throws Exception {
    List<TranscriptEntry> seen = new ArrayList<>();
    try (AutoCloseable sub = transcript.subscribe(seen::add)) {
      transcript.command("tree", Command.of("kubectl", "get", "pods", "--all-namespaces"));
    }
    transcript.note("tree", "after unsubscribing");
    assertThat(seen).extracting(TranscriptEntry::text).containsExactly("kubectl get pods --all-namespaces");
    assertThat(transcript.entries()).hasSize(2);
  }

  @Test
  void credentialsNeverReachTheTranscript() {
    Transcript transcript = new Transcript();
    String jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06YWRtaW4ifQ.c2lnbmF0dXJl";
    transcript.command("x", Command.of("kubectl", "--token", "s3cr3t-value", "get", "pods"));
    transcript.command("x", Command.of("kubectl", "--token=s3cr3t-value", "--password", "hunter2", "get", "pods"));
    transcript.commandText("x", "curl -H 'Authorization: Bearer " + jwt + "' https://10.0.0.1:6443/api");
    transcript.note("x", "kubeconfig user token: abc.def.ghi used");
    String all = String.join("\n", transcript.entries().stream().map(TranscriptEntry::text).toList());
    assertThat(all).doesNotContain("s3cr3t-value", "hunter2", jwt, "abc.def.ghi");
    assertThat(transcript.entries().get(0).text()).isEqualTo("kubectl --token '***' get pods");
  }

  @Test
  void keepsOnlyTheNewestEntries() {
    for (int i = 0; i < 5; i++) {
      transcript.note("x", "n" + i);
    }
    assertThat(transcript.entries()).extracting(TranscriptEntry::text).containsExactly("n2", "n3", "n4");
    assertThat(transcript.entries().get(2).sequence()).isEqualTo(5);
  }
}
