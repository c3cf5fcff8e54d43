package org.tejido.identity.internal;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.tejido.identity.StaffMember;
import org.tejido.identity.UserId;

@Component
class StaffUserDetailsService implements UserDetailsService {

  private final JdbcClient jdbc;

  StaffUserDetailsService(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    return jdbc.sql(
            "select id, username, display_name, password_hash, administrator, enabled"
                + " from app_user where lower(username) = lower(?)")
        .param(username)
        .query(
            (rs, i) ->
                new StaffPrincipal(
                    new StaffMember(
                        new UserId(rs.getObject("id", UUID.class)),
                        rs.getString("username"),
                        rs.getString("display_name"),
                        rs.getBoolean("administrator")),
                    rs.getString("password_hash"),
                    rs.getBoolean("enabled")))
        .optional()
        // The message is never shown: every failed sign-in gets the same answer.
        .orElseThrow(() -> new UsernameNotFoundException("bad credentials"));
  }
}
