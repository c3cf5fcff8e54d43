package org.tejido.deidentification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleMatchingTest {

  private static final Deidentifier NO_GAZETTEER = Deidentifier.listedOnly(List.of());

  private static List<Replacement> propose(String text) {
    return NO_GAZETTEER.propose(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "443 123 4567",
        "4431234567",
        "(443) 123-4567",
        "(443)123-4567",
        "443-123-4567",
        "443.123.4567",
        "443 123 45 67",
        "44 3123 4567",
        "55 1234 5678",
        "(55) 1234-5678",
        "55 12 34 56 78",
        "+52 443 123 4567",
        "+524431234567",
        "52 1 443 123 4567",
        "+52 1 443 123 4567",
        "044 443 123 4567",
        "045 55 1234 5678",
        "01 443 123 4567"
      })
  void findsAMexicanPhoneNumberInTheWaysPeopleWriteIt(String phone) {
    String text = "su cel es " + phone + ", háblale";

    assertThat(propose(text))
        .extracting(
            Replacement::start,
            Replacement::original,
            Replacement::token,
            Replacement::rule,
            Replacement::kind)
        .containsExactly(tuple(10, phone, "[TEL]", Rule.PHONE, null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fueron 63 participantes",
        "en 2018",
        "de 2016-2018",
        "entre 2016 y 2018",
        "clave INEGI 13006",
        "municipios 13006 13007",
        "localidad 160060001",
        "el 12-03-2018",
        "CP 58000",
        "costó $1,500,000",
        "folio 12345 67890",
        "cuenta 44312345678",
        "tarjeta 4152 3134 5678 9012"
      })
  void ordinaryNumbersAreNotPhoneNumbers(String text) {
    assertThat(propose(text)).isEmpty();
  }

  @Test
  void findsEMailAddressesWithoutTheSentencesFullStop() {
    String text = "Escríbele a juana.perez@correo.mx. O a ana_1+tejido@sub.dominio.org.mx";

    assertThat(propose(text))
        .extracting(Replacement::original, Replacement::token, Replacement::rule)
        .containsExactly(
            tuple("juana.perez@correo.mx", "[CORREO]", Rule.EMAIL),
            tuple("ana_1+tejido@sub.dominio.org.mx", "[CORREO]", Rule.EMAIL));
  }

  @Test
  void aPhoneNumberUsedAsAnEMailAddressIsOneEMailAddress() {
    assertThat(propose("mándalo a 4431234567@gmail.com"))
        .extracting(Replacement::original, Replacement::rule)
        .containsExactly(tuple("4431234567@gmail.com", Rule.EMAIL));
  }

  @Test
  void anAtSignAloneIsNotAnEMailAddress() {
    assertThat(propose("nos vemos @ la plaza, o en @tejido")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ABC-123-D", "ABC-12-34", "AB-1234-C", "123-ABC-4", "ABC-1234"})
  void findsMexicanVehiclePlates(String plate) {
    String text = "una camioneta con placas " + plate + " se paró";

    assertThat(propose(text))
        .extracting(Replacement::start, Replacement::original, Replacement::token)
        .containsExactly(tuple(25, plate, "[PLACA]"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "APA-017: sí",
        "de 2016-2018",
        "el COVID-19",
        "el T-MEC",
        "el 5-ENE-18",
        "el 12-03-2018",
        "la NOM-035-STPS",
        "el e-mail",
        "el G-20",
        "Tijuana-Tecate",
        "abc-123-d"
      })
  void ordinaryWordsCodesAndDatesAreNotPlates(String text) {
    assertThat(propose(text)).isEmpty();
  }

  @Test
  void findsACurpInUpperOrLowerCase() {
    String text = "CURP: PEPJ800101MMNRRN09, o pepj800101mmnrrn09.";

    assertThat(propose(text))
        .extracting(Replacement::start, Replacement::original, Replacement::token)
        .containsExactly(
            tuple(6, "PEPJ800101MMNRRN09", "[CURP]"), tuple(28, "pepj800101mmnrrn09", "[CURP]"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PEPJ800101MMNRRN0",
        "PEPJ800101MMNRRN099",
        "XPEPJ800101MMNRRN09",
        "PEPJ800101QMNRRN09",
        "PEP1800101MMNRRN09"
      })
  void almostCurpsAreNotCurps(String text) {
    assertThat(propose(text)).extracting(Replacement::rule).doesNotContain(Rule.CURP);
  }

  @Test
  void aGazetteerMatchWinsOverARuleMatchOnTheSameText() {
    Deidentifier deidentifier =
        Deidentifier.listedOnly(
            List.of(new GazetteerEntry("ABC-123-D", EntityKind.OTHER, "[DATO-4]")));

    assertThat(deidentifier.propose("placas ABC-123-D"))
        .extracting(Replacement::original, Replacement::token, Replacement::rule)
        .containsExactly(tuple("ABC-123-D", "[DATO-4]", Rule.GAZETTEER));
  }

  @Test
  void aGazetteerMatchWinsOverARuleMatchItPartlyOverlaps() {
    Deidentifier deidentifier =
        Deidentifier.listedOnly(
            List.of(new GazetteerEntry("Taller AB", EntityKind.ORGANISATION, "[ORG-1]")));

    assertThat(deidentifier.propose("el Taller AB-1234-C"))
        .extracting(Replacement::original, Replacement::token, Replacement::rule)
        .containsExactly(tuple("Taller AB", "[ORG-1]", Rule.GAZETTEER));
  }

  @Test
  void anEMailAddressContainingANameIsReplacedWhole() {
    Deidentifier deidentifier =
        Deidentifier.listedOnly(List.of(new GazetteerEntry("Pérez", EntityKind.PERSON, "[P-01]")));
    String text = "Pérez: escribe a juana.perez@correo.mx";

    assertThat(deidentifier.propose(text))
        .extracting(Replacement::original, Replacement::rule)
        .containsExactly(
            tuple("Pérez", Rule.GAZETTEER), tuple("juana.perez@correo.mx", Rule.EMAIL));
  }
}
