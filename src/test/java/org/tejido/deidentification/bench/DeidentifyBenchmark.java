package org.tejido.deidentification.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tejido.deidentification.Deidentifier;
import org.tejido.deidentification.EntityKind;
import org.tejido.deidentification.GazetteerEntry;
import org.tejido.deidentification.Pseudonyms;
import org.tejido.deidentification.Replacement;

/**
 * De-identifying one transcript against a site's gazetteer: 2,000 generated Spanish names, aliases,
 * streets, colonias, places, officials and organisations, and a 20 KB transcript with speaker turns
 * naming about a hundred of them, plus phone numbers and e-mail addresses. Everything comes from a
 * fixed seed, so each run measures the same work.
 *
 * <p>Run with {@code bench/jmh.sh DeidentifyBenchmark}. The budget is unlocking a vault plus
 * de-identifying such a transcript in 100 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeidentifyBenchmark {

  public static final int ENTRIES = 2_000;
  static final int TRANSCRIPT_CHARS = 20_000;
  static final int TERMS_IN_TRANSCRIPT = 100;

  private static final String[] FIRST_NAMES = {
    "Juana",
    "María",
    "José",
    "Guadalupe",
    "Francisco",
    "Rosa",
    "Jesús",
    "Margarita",
    "Antonio",
    "Verónica",
    "Juan",
    "Leticia",
    "Miguel",
    "Araceli",
    "Pedro",
    "Yolanda",
    "Ramón",
    "Patricia",
    "Óscar",
    "Brenda",
    "Efraín",
    "Citlali",
    "Ángel",
    "Noemí",
    "Raúl",
    "Itzel",
    "Rubén",
    "Socorro",
    "Héctor",
    "Dolores",
    "Joaquín",
    "Adriana",
    "Salvador",
    "Berenice",
    "Tomás",
    "Fátima",
    "Iván",
    "Elvira",
    "Ezequiel",
    "Maricela"
  };

  private static final String[] SURNAMES = {
    "Pérez",
    "Hernández",
    "García",
    "Martínez",
    "López",
    "González",
    "Rodríguez",
    "Sánchez",
    "Ramírez",
    "Cruz",
    "Flores",
    "Gómez",
    "Morales",
    "Vázquez",
    "Jiménez",
    "Reyes",
    "Díaz",
    "Torres",
    "Gutiérrez",
    "Ruiz",
    "Mendoza",
    "Aguilar",
    "Ortiz",
    "Castillo",
    "Núñez",
    "Ibarra",
    "Zúñiga",
    "Cervantes",
    "Orozco",
    "Villaseñor",
    "Saldaña",
    "Peña",
    "Magaña",
    "Chávez",
    "Valdés",
    "Echeverría",
    "Bautista",
    "Tapia",
    "Ávila",
    "Ochoa"
  };

  private static final String[] NICKNAMES = {
    "la Güera",
    "el Chato",
    "la Flaca",
    "el Güero",
    "el Pelón",
    "la Chaparra",
    "el Tuerto",
    "la Negra",
    "el Compa",
    "el Zurdo",
    "la Prieta",
    "el Gordo",
    "el Chino",
    "la Chula",
    "el Toro",
    "el Flaco",
    "la Muñeca",
    "el Charro",
    "la Morena",
    "el Cuervo"
  };

  private static final String[] STREET_NAMES = {
    "Morelos",
    "Hidalgo",
    "Juárez",
    "Allende",
    "Aldama",
    "Zaragoza",
    "Guerrero",
    "Madero",
    "Matamoros",
    "Abasolo",
    "Constitución",
    "Reforma",
    "Independencia",
    "Emiliano Zapata",
    "Lázaro Cárdenas",
    "Vicente Guerrero",
    "Niños Héroes",
    "Obregón",
    "Iturbide",
    "Ocampo"
  };

  private static final String[] COLONIA_NAMES = {
    "Los Olivos", "El Tecolote", "La Cañada", "Las Palmas", "San Rafael", "El Mirador",
    "Lomas del Sol", "Santa Fe", "El Naranjo", "La Joya", "Buenavista", "Tierra y Libertad",
    "Renacimiento", "El Porvenir", "Los Ángeles", "Valle Verde", "La Loma", "El Limonar",
    "Jardines", "Las Huertas"
  };

  private static final String[] OFFICIAL_TITLES = {
    "comandante", "el licenciado", "el regidor", "la síndica", "el agente", "el director"
  };

  private static final String[] FILLER = {
    "pues la verdad",
    "ya no salimos en la noche",
    "desde que cerraron la tienda",
    "los muchachos",
    "se juntan en la esquina",
    "nadie dice nada",
    "tenemos miedo",
    "mi mamá ya no quiere",
    "a veces pasa la patrulla",
    "pero no se para",
    "en la escuela",
    "los niños ya no juegan afuera",
    "cobran cuota",
    "se llevaron al hijo de una señora",
    "no hay alumbrado",
    "el camión no entra",
    "dicen que es por la plaza",
    "nos organizamos los vecinos",
    "hicimos una junta",
    "en 2016-2018 fuimos 63 participantes",
    "la clave del municipio es 13006",
    "¿y usted qué piensa?",
    "sí, claro",
    "mmm, no sé",
    "(risas)",
    "[inaudible]",
    "ahí en la cancha",
    "cuando llueve se inunda",
    "el agua llega cada tercer día"
  };

  private List<GazetteerEntry> entries;
  private String transcript;
  private Deidentifier deidentifier;

  @Setup
  public void setUp() {
    Random random = new Random(20_180_601L);
    entries = gazetteer(random);
    transcript = transcript(random, entries);
    deidentifier = Deidentifier.of(entries);
    List<Replacement> proposed = deidentifier.propose(transcript);
    if (entries.size() != ENTRIES
        || transcript.length() < TRANSCRIPT_CHARS
        || proposed.size() < TERMS_IN_TRANSCRIPT) {
      throw new IllegalStateException(
          "Benchmark data is off: "
              + entries.size()
              + " entries, "
              + transcript.length()
              + " chars, "
              + proposed.size()
              + " proposals");
    }
  }

  @Benchmark
  public Deidentifier buildMatcher() {
    return Deidentifier.of(entries);
  }

  @Benchmark
  public String proposeAndApply() {
    return Deidentifier.apply(transcript, deidentifier.propose(transcript));
  }

  public static List<GazetteerEntry> gazetteer(Random random) {
    Map<String, GazetteerEntry> byTerm = new LinkedHashMap<>();
    int person = 0;
    int street = 0;
    int colonia = 0;
    int place = 0;
    int official = 0;
    int organisation = 0;
    while (byTerm.size() < ENTRIES) {
      int roll = random.nextInt(100);
      if (roll < 55) {
        String name = pick(random, FIRST_NAMES) + " " + pick(random, SURNAMES);
        if (random.nextBoolean()) {
          name += " " + pick(random, SURNAMES);
        }
        if (!byTerm.containsKey(name)) {
          String token = Pseudonyms.token(EntityKind.PERSON, ++person);
          byTerm.put(name, new GazetteerEntry(name, EntityKind.PERSON, token));
          if (random.nextInt(5) == 0) {
            String alias = pick(random, NICKNAMES) + " de " + pick(random, COLONIA_NAMES);
            byTerm.putIfAbsent(alias, new GazetteerEntry(alias, EntityKind.ALIAS, token));
          }
        }
      } else if (roll < 70) {
        String term = "calle " + pick(random, STREET_NAMES) + " " + (1 + random.nextInt(400));
        byTerm.putIfAbsent(
            term,
            new GazetteerEntry(
                term, EntityKind.STREET, Pseudonyms.token(EntityKind.STREET, ++street)));
      } else if (roll < 82) {
        String term =
            "colonia " + pick(random, COLONIA_NAMES) + " " + romanOrNumber(random.nextInt(60));
        byTerm.putIfAbsent(
            term,
            new GazetteerEntry(
                term,
                EntityKind.NEIGHBOURHOOD,
                Pseudonyms.token(EntityKind.NEIGHBOURHOOD, ++colonia)));
      } else if (roll < 90) {
        String term =
            pick(random, new String[] {"el Pozo", "la Presa", "el Cerrito", "la Barranca"})
                + " de "
                + pick(random, SURNAMES);
        byTerm.putIfAbsent(
            term,
            new GazetteerEntry(
                term, EntityKind.PLACE, Pseudonyms.token(EntityKind.PLACE, ++place)));
      } else if (roll < 96) {
        String term = pick(random, OFFICIAL_TITLES) + " " + pick(random, SURNAMES);
        byTerm.putIfAbsent(
            term,
            new GazetteerEntry(
                term, EntityKind.OFFICIAL, Pseudonyms.token(EntityKind.OFFICIAL, ++official)));
      } else {
        String term =
            pick(random, new String[] {"Colectivo", "Asociación", "Comité", "Grupo"})
                + " "
                + pick(random, COLONIA_NAMES)
                + " "
                + (1 + random.nextInt(90));
        byTerm.putIfAbsent(
            term,
            new GazetteerEntry(
                term,
                EntityKind.ORGANISATION,
                Pseudonyms.token(EntityKind.ORGANISATION, ++organisation)));
      }
    }
    return new ArrayList<>(byTerm.values()).subList(0, ENTRIES);
  }

  static String transcript(Random random, List<GazetteerEntry> entries) {
    StringBuilder text = new StringBuilder(TRANSCRIPT_CHARS + 2_000);
    int termsNamed = 0;
    int turn = 0;
    while (text.length() < TRANSCRIPT_CHARS) {
      text.append(
          turn++ % 2 == 0
              ? "ENT-01: "
              : String.format(Locale.ROOT, "APA-%03d: ", 17 + random.nextInt(8)));
      int sentences = 2 + random.nextInt(4);
      for (int s = 0; s < sentences; s++) {
        String filler = pick(random, FILLER);
        text.append(Character.toUpperCase(filler.charAt(0))).append(filler.substring(1));
        int roll = random.nextInt(20);
        if (roll < 9 && termsNamed < TERMS_IN_TRANSCRIPT + 20) {
          String term = entries.get(random.nextInt(entries.size())).term();
          // People do not write the gazetteer's accents and capitals.
          text.append(", con ").append(random.nextBoolean() ? term : term.toUpperCase(Locale.ROOT));
          termsNamed++;
        } else if (roll == 9) {
          text.append(", su cel es 443 ")
              .append(100 + random.nextInt(900))
              .append(' ')
              .append(1000 + random.nextInt(9000));
        } else if (roll == 10) {
          text.append(", escríbanle a vecino").append(random.nextInt(500)).append("@correo.mx");
        }
        text.append(". ");
      }
      text.append('\n');
    }
    return text.toString();
  }

  private static String romanOrNumber(int n) {
    return n < 3 ? new String[] {"I", "II", "III"}[n] : Integer.toString(n);
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }
}
