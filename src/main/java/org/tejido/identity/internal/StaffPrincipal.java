package org.tejido.identity.internal;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.tejido.identity.StaffMember;

/** The signed-in person as Spring Security holds them; the password hash is erased after login. */
public final class StaffPrincipal implements UserDetails, CredentialsContainer {

  private final StaffMember member;
  private final boolean enabled;
  private String passwordHash;

  StaffPrincipal(StaffMember member, String passwordHash, boolean enabled) {
    this.member = member;
    this.passwordHash = passwordHash;
    this.enabled = enabled;
  }

  public StaffMember member() {
    return member;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return member.administrator()
        ? List.of(
            new SimpleGrantedAuthority("ROLE_STAFF"), new SimpleGrantedAuthority("ROLE_ADMIN"))
        : List.of(new SimpleGrantedAuthority("ROLE_STAFF"));
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return member.username();
  }

  @Override
  public boolean isEnabled() {
    return enabled;
  }

  @Override
  public void eraseCredentials() {
    passwordHash = null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StaffPrincipal other && other.member.id().equals(member.id());
  }

  @Override
  public int hashCode() {
    return member.id().hashCode();
  }

  @Override
  public String toString() {
    return "StaffPrincipal[" + member.id() + "]";
  }
}
