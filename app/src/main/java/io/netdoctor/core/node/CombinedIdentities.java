package io.netdoctor.core.node;

import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import java.util.Vector;

/** Keys from IdentityFile and from ssh-agent together; JSch takes one repository per session. */
final class CombinedIdentities implements IdentityRepository {

  private final IdentityRepository files;
  private final IdentityRepository agent;

  CombinedIdentities(IdentityRepository files, IdentityRepository agent) {
    this.files = files;
    this.agent = agent;
  }

  @Override
  public String getName() {
    return "files+agent";
  }

  @Override
  public int getStatus() {
    return RUNNING;
  }

  @Override
  public Vector<Identity> getIdentities() {
    Vector<Identity> all = new Vector<>(files.getIdentities());
    if (agent.getStatus() != UNAVAILABLE) {
      all.addAll(agent.getIdentities());
    }
    return all;
  }

  @Override
  public boolean add(byte[] identity) {
    return false;
  }

  @Override
  public boolean remove(byte[] blob) {
    return false;
  }

  @Override
  public void removeAll() {
    // keys are the user's: never removed from the agent
  }
}
