package org.tejido.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.tejido.shared.BadRequest;
import org.tejido.support.Fixtures;
import org.tejido.support.TejidoTest;

@TejidoTest
class PasswordRulesTest {

  @Autowired MockMvc mvc;
  @Autowired Fixtures fixtures;
  @Autowired UserAccounts accounts;

  @Test
  void commonPasswordsAreRefusedWhateverTheCaseOrTheDigitsAround() {
    for (String common :
        new String[] {"qwerty123456", "1qaz2wsx3edc", "Password2024!", "aaaaaaaaaaaa"}) {
      assertThatThrownBy(() -> UserAccounts.checkPassword(common))
          .as(common)
          .isInstanceOf(BadRequest.class)
          .extracting(e -> ((BadRequest) e).code())
          .isEqualTo("user.password.common");
    }
    UserAccounts.checkPassword(Fixtures.PASSWORD);
    UserAccounts.checkPassword("el nopal de la esquina florece");
  }

  @Test
  void aCommonPasswordIsRefusedOnChangeWithAClearMessageInBothLanguages() throws Exception {
    var person = fixtures.person("common");
    var session = fixtures.signIn(mvc, person);
    for (var lang :
        new String[][] {{"es", "entre las más usadas"}, {"en", "among the most used"}}) {
      mvc.perform(
              post("/account/password")
                  .session(session)
                  .with(csrf())
                  .param("lang", lang[0])
                  .param("current", Fixtures.PASSWORD)
                  .param("password", "qwerty123456")
                  .param("confirmation", "qwerty123456"))
          .andExpect(status().is(422))
          .andExpect(content().string(Matchers.containsString(lang[1])));
    }
  }

  @Test
  void aCommonPasswordIsRefusedWhenAnAccountIsCreated() {
    assertThatThrownBy(() -> accounts.create("commonpw-x", "Common", "password12345", false))
        .isInstanceOf(BadRequest.class);
    assertThat(accounts.usernameTaken("commonpw-x")).isFalse();
  }
}
