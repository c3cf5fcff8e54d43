package org.tejido.analysis.qdpx;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads a REFI-QDA project archive ({@code .qdpx}) into memory: all of it or nothing.
 *
 * <p>Tolerates what real exporters write: positions in UTF-16 units (detected, see {@link
 * Positions}), a {@code Sources/} folder in capitals, plain-text files not named by GUID, empty
 * sources. Refuses with a {@link QdpxException}: an archive that is not a zip, has no {@code
 * project.qde}, has an unsafe entry name or exceeds the {@link Limits}; XML with a document type
 * declaration (so no external entity is ever resolved); a selection whose text is missing or whose
 * positions fall outside it; a coding of a code not in the codebook.
 */
public final class QdpxReader {

  static final String NAMESPACE = "urn:QDA-XML:project:1.0";

  private static final int MAX_DEPTH = 256;

  private static final Set<String> KNOWN =
      Set.of(
          "Project",
          "Users",
          "User",
          "CodeBook",
          "Codes",
          "Code",
          "Description",
          "NoteRef",
          "Variables",
          "Variable",
          "Cases",
          "Case",
          "CodeRef",
          "VariableValue",
          "VariableRef",
          "TextValue",
          "BooleanValue",
          "IntegerValue",
          "FloatValue",
          "DateValue",
          "DateTimeValue",
          "SourceRef",
          "SelectionRef",
          "Sources",
          "TextSource",
          "PictureSource",
          "PDFSource",
          "AudioSource",
          "VideoSource",
          "PlainTextContent",
          "PlainTextSelection",
          "Coding",
          "TextDescription",
          "PictureSelection",
          "PDFSelection",
          "Representation",
          "Transcript",
          "AudioSelection",
          "VideoSelection",
          "SyncPoint",
          "TranscriptSelection",
          "Notes",
          "Note",
          "Links",
          "Link",
          "Sets",
          "Set",
          "MemberCode",
          "MemberSource",
          "MemberNote",
          "Graphs",
          "Graph",
          "Vertex",
          "Edge");

  private QdpxReader() {}

  public static QdpxProject read(Path file, Limits limits) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, limits);
    } catch (IOException e) {
      throw new QdpxException("qdpx.read-failed", "could not read " + file.getFileName(), e);
    }
  }

  public static QdpxProject read(InputStream in, Limits limits) {
    Archive archive = Archive.read(in, limits);
    byte[] qde = archive.get("project.qde");
    if (qde == null) {
      throw new QdpxException("qdpx.no-project", "the archive has no project.qde");
    }
    return new Reading(archive, parse(qde)).project();
  }

  /** A DOM parser that refuses any document type declaration, hence any entity. */
  static Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      // A code tree is a few levels deep; a crafted one thousands deep would exhaust the stack
      // of whatever walks it.
      factory.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", MAX_DEPTH);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      // the default handler would print the file's errors to stderr; they go into the exception
      builder.setErrorHandler(
          new org.xml.sax.ErrorHandler() {
            @Override
            public void warning(org.xml.sax.SAXParseException e) {}

            @Override
            public void error(org.xml.sax.SAXParseException e) throws SAXException {
              throw e;
            }

            @Override
            public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
              throw e;
            }
          });
      builder.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entity refused");
          });
      return builder.parse(new ByteArrayInputStream(xml));
    } catch (SAXException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("maxElementDepth")) {
        throw new QdpxException(
            "qdpx.xml-too-deep", "project.qde nests elements more than " + MAX_DEPTH + " deep", e);
      }
      if (message.contains("DOCTYPE") || message.contains("entity")) {
        throw new QdpxException(
            "qdpx.xml-doctype", "project.qde declares a document type or entities", e);
      }
      throw new QdpxException("qdpx.xml-invalid", "project.qde is not well-formed XML", e);
    } catch (IOException | ParserConfigurationException e) {
      throw new QdpxException("qdpx.xml-invalid", "project.qde could not be parsed", e);
    }
  }

  /** One pass over one document. */
  private static final class Reading {
    private final Archive archive;
    private final Document document;
    private final List<ImportReport.Skipped> skipped = new ArrayList<>();
    private final Map<String, List<QdpxNote.Target>> noteTargets = new LinkedHashMap<>();
    private final Set<String> codeGuids = new HashSet<>();

    Reading(Archive archive, Document document) {
      this.archive = archive;
      this.document = document;
    }

    QdpxProject project() {
      Element root = document.getDocumentElement();
      if (!"Project".equals(root.getLocalName())) {
        throw new QdpxException(
            "qdpx.not-a-project", "project.qde holds no REFI-QDA Project element");
      }
      reportUnknown(root);
      refuseDuplicateGuids();
      noteRefs(root, QdpxNote.Kind.PROJECT, "project");
      List<QdpxUser> users = new ArrayList<>();
      for (Element users0 : children(root, "Users")) {
        for (Element u : children(users0, "User")) {
          users.add(new QdpxUser(required(u, "guid"), optional(u, "name"), optional(u, "id")));
        }
      }
      List<QdpxCode> codes = new ArrayList<>();
      for (Element book : children(root, "CodeBook")) {
        for (Element list : children(book, "Codes")) {
          for (Element c : children(list, "Code")) {
            codes.add(code(c));
          }
        }
      }
      List<QdpxVariable> variables = new ArrayList<>();
      for (Element list : children(root, "Variables")) {
        for (Element v : children(list, "Variable")) {
          variables.add(
              new QdpxVariable(
                  required(v, "guid"),
                  required(v, "name"),
                  type(v.getAttribute("typeOfVariable")),
                  description(v)));
        }
      }
      Map<String, QdpxVariable> variablesByGuid = new HashMap<>();
      variables.forEach(v -> variablesByGuid.put(v.guid(), v));
      List<QdpxCase> cases = new ArrayList<>();
      for (Element list : children(root, "Cases")) {
        for (Element c : children(list, "Case")) {
          String guid = required(c, "guid");
          noteRefs(c, QdpxNote.Kind.CASE, guid);
          cases.add(
              new QdpxCase(
                  guid,
                  optional(c, "name"),
                  description(c),
                  values(c, variablesByGuid),
                  targets(c, "CodeRef"),
                  targets(c, "SourceRef"),
                  targets(c, "SelectionRef")));
        }
      }
      List<Element> textSources = new ArrayList<>();
      for (Element list : children(root, "Sources")) {
        for (Element s : children(list, null)) {
          switch (s.getLocalName()) {
            case "TextSource" -> textSources.add(s);
            case "PDFSource" -> unsupported(s, "PDF source", "PDFSelection");
            case "PictureSource" -> unsupported(s, "picture source", "PictureSelection");
            case "AudioSource" -> unsupported(s, "audio source", "AudioSelection");
            case "VideoSource" -> unsupported(s, "video source", "VideoSelection");
            default -> {} // reported as an unknown element
          }
        }
      }
      List<QdpxSource> sources = textSources(textSources, variablesByGuid);
      List<QdpxNote> notes = new ArrayList<>();
      for (Element list : children(root, "Notes")) {
        for (Element n : children(list, "Note")) {
          String guid = required(n, "guid");
          String text = textOf(n, guid, false);
          notes.add(
              new QdpxNote(
                  guid,
                  optional(n, "name"),
                  text == null ? "" : Positions.normalise(text),
                  noteTargets.getOrDefault(guid, List.of())));
        }
      }
      Set<String> noteGuids = new HashSet<>();
      notes.forEach(n -> noteGuids.add(n.guid()));
      noteTargets.forEach(
          (guid, targets) -> {
            if (!noteGuids.contains(guid)) {
              skipped.add(
                  new ImportReport.Skipped(
                      "note reference", guid, "refers to a note the file does not hold"));
            }
          });
      for (String[] lost :
          new String[][] {
            {"Links", "Link", "link"}, {"Sets", "Set", "set"}, {"Graphs", "Graph", "graph"}
          }) {
        for (Element list : children(root, lost[0])) {
          for (Element e : children(list, lost[1])) {
            skipped.add(
                new ImportReport.Skipped(lost[2], optional(e, "guid"), "not supported by Tejido"));
          }
        }
      }
      return new QdpxProject(
          root.hasAttribute("name") ? root.getAttribute("name") : "",
          optional(root, "origin"),
          users,
          codes,
          variables,
          cases,
          sources,
          notes,
          new ImportReport(
              detection.convention(),
              detection.decisive(),
              detection.checked(),
              detection.onWordBoundaries(),
              detection.onWordBoundariesAsCodePoints(),
              adjusted,
              skipped));
    }

    private Positions.Detection detection;
    private int adjusted;

    private List<QdpxSource> textSources(
        List<Element> elements, Map<String, QdpxVariable> variablesByGuid) {
      List<Positions.Raw> raws = new ArrayList<>();
      List<Element> kept = new ArrayList<>();
      for (Element s : elements) {
        String guid = required(s, "guid");
        List<Element> selections = children(s, "PlainTextSelection");
        String text = textOf(s, guid, !selections.isEmpty());
        if (text == null) {
          continue;
        }
        int[] starts = new int[selections.size()];
        int[] ends = new int[selections.size()];
        for (int i = 0; i < selections.size(); i++) {
          starts[i] = integer(selections.get(i), "startPosition");
          ends[i] = integer(selections.get(i), "endPosition");
        }
        raws.add(new Positions.Raw(text, starts, ends));
        kept.add(s);
      }
      Positions.Detection detection = Positions.detect(raws);
      int adjusted = 0;
      List<QdpxSource> sources = new ArrayList<>();
      for (int k = 0; k < kept.size(); k++) {
        Element s = kept.get(k);
        Positions.Raw raw = raws.get(k);
        String guid = s.getAttribute("guid");
        noteRefs(s, QdpxNote.Kind.SOURCE, guid);
        if (s.hasAttribute("richTextPath")) {
          skipped.add(
              new ImportReport.Skipped(
                  "rich text (.docx) of a source",
                  guid,
                  "formatting is not imported; the plain text, which positions refer to, is"));
        }
        for (Element c : children(s, "Coding")) {
          skipped.add(
              new ImportReport.Skipped(
                  "coding of a whole source",
                  optional(c, "guid"),
                  "only codings of a selection of text are imported"));
        }
        int[] map =
            raw.starts().length == 0
                ? new int[0]
                : Positions.map(raw.text(), detection.convention());
        List<QdpxSelection> selections = new ArrayList<>();
        List<Element> selectionElements = children(s, "PlainTextSelection");
        for (int i = 0; i < selectionElements.size(); i++) {
          Element e = selectionElements.get(i);
          String selectionGuid = required(e, "guid");
          int start = raw.starts()[i];
          int end = raw.ends()[i];
          if (start < 0 || end < start || end >= map.length) {
            throw new QdpxException(
                "qdpx.selection-out-of-range",
                "selection "
                    + selectionGuid
                    + " ("
                    + start
                    + "-"
                    + end
                    + ") lies outside its source's text of "
                    + (map.length - 1)
                    + " positions");
          }
          int a = Positions.widen(map, start, true);
          int b = Positions.widen(map, end, false);
          if (map[start] < 0 || map[end] < 0) {
            adjusted++;
          }
          noteRefs(e, QdpxNote.Kind.SELECTION, selectionGuid);
          String creator = optional(e, "creatingUser");
          List<QdpxCoding> codings = new ArrayList<>();
          for (Element c : children(e, "Coding")) {
            String codingGuid = required(c, "guid");
            noteRefs(c, QdpxNote.Kind.CODING, codingGuid);
            List<String> refs = targets(c, "CodeRef");
            if (refs.isEmpty() || !codeGuids.contains(refs.get(0))) {
              throw new QdpxException(
                  "qdpx.code-missing",
                  "coding " + codingGuid + " refers to a code the codebook does not hold");
            }
            String coder = optional(c, "creatingUser");
            codings.add(new QdpxCoding(codingGuid, refs.get(0), coder != null ? coder : creator));
          }
          selections.add(
              new QdpxSelection(selectionGuid, optional(e, "name"), a, b, creator, codings));
        }
        sources.add(
            new QdpxSource(
                guid,
                optional(s, "name"),
                Positions.normalise(raw.text()),
                selections,
                values(s, variablesByGuid)));
      }
      this.detection = detection;
      this.adjusted = adjusted;
      return sources;
    }

    /**
     * The plain text of a text source or note, or null when the file lacks it and nothing depends
     * on it (reported). Never reads outside the archive.
     */
    private String textOf(Element s, String guid, boolean needed) {
      List<Element> inline = children(s, "PlainTextContent");
      if (!inline.isEmpty()) {
        return inline.get(0).getTextContent();
      }
      byte[] bytes = null;
      String path = optional(s, "plainTextPath");
      if (path != null) {
        String inside =
            path.startsWith("internal://") ? path.substring("internal://".length()) : path;
        if (!path.contains("://") || path.startsWith("internal://")) {
          bytes = archive.get("sources/" + inside);
          if (bytes == null) {
            bytes = archive.get(inside);
          }
        }
      }
      if (bytes == null) {
        bytes = archive.get("sources/" + guid + ".txt");
      }
      if (bytes == null) {
        if (needed) {
          throw new QdpxException(
              "qdpx.source-missing",
              // Not the file's path: other programs name source files after the person interviewed.
              "source " + guid + " has selections but its text is not in the archive");
        }
        if (path != null || "TextSource".equals(s.getLocalName())) {
          skipped.add(
              new ImportReport.Skipped(
                  "Note".equals(s.getLocalName()) ? "note text" : "text source",
                  guid,
                  "its plain text is not in the archive"));
        }
        return null;
      }
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
      } catch (CharacterCodingException e) {
        throw new QdpxException("qdpx.source-not-utf8", "the text of " + guid + " is not UTF-8", e);
      }
    }

    private QdpxCode code(Element c) {
      String guid = required(c, "guid");
      codeGuids.add(guid);
      noteRefs(c, QdpxNote.Kind.CODE, guid);
      List<QdpxCode> children = new ArrayList<>();
      for (Element child : children(c, "Code")) {
        children.add(code(child));
      }
      String color = optional(c, "color");
      return new QdpxCode(
          guid,
          required(c, "name"),
          color,
          description(c),
          !"false".equals(c.getAttribute("isCodable").trim())
              && !"0".equals(c.getAttribute("isCodable").trim()),
          children);
    }

    private void unsupported(Element s, String kind, String selectionElement) {
      int selections = 0;
      int codings = 0;
      for (Element e : children(s, selectionElement)) {
        selections++;
        codings += children(e, "Coding").size();
      }
      codings += children(s, "Coding").size();
      skipped.add(
          new ImportReport.Skipped(
              kind,
              optional(s, "guid"),
              "only text sources are imported"
                  + (selections + codings > 0
                      ? " (lost with it: " + selections + " selections, " + codings + " codings)"
                      : "")));
    }

    /**
     * Codings, notes and cases refer to objects by GUID: two objects with one GUID is ambiguous.
     */
    private void refuseDuplicateGuids() {
      Set<String> seen = new HashSet<>();
      var all = document.getElementsByTagNameNS("*", "*");
      for (int i = 0; i < all.getLength(); i++) {
        Element e = (Element) all.item(i);
        String guid = e.getAttribute("guid");
        if (!guid.isEmpty()
            && !seen.add(
                guid.replace("{", "").replace("}", "").toLowerCase(java.util.Locale.ROOT))) {
          throw new QdpxException(
              "qdpx.duplicate-guid",
              "two objects share the GUID " + guid.replaceAll("[^0-9A-Fa-f{}-]", "?"));
        }
      }
    }

    private void reportUnknown(Element root) {
      Map<String, Integer> unknown = new LinkedHashMap<>();
      walk(root, unknown);
      unknown.forEach(
          (name, count) ->
              skipped.add(
                  new ImportReport.Skipped(
                      "element " + name,
                      null,
                      "not part of REFI-QDA 1.0 (" + count + " occurrences)")));
    }

    private void walk(Element e, Map<String, Integer> unknown) {
      for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element child) {
          if (!KNOWN.contains(child.getLocalName())) {
            unknown.merge(child.getLocalName(), 1, Integer::sum);
          } else {
            walk(child, unknown);
          }
        }
      }
    }

    private void noteRefs(Element owner, QdpxNote.Kind kind, String guid) {
      for (String target : targets(owner, "NoteRef")) {
        noteTargets
            .computeIfAbsent(target, t -> new ArrayList<>())
            .add(new QdpxNote.Target(kind, guid));
      }
    }

    private List<QdpxVariableValue> values(Element owner, Map<String, QdpxVariable> variables) {
      List<QdpxVariableValue> values = new ArrayList<>();
      for (Element v : children(owner, "VariableValue")) {
        List<String> ref = targets(v, "VariableRef");
        if (ref.isEmpty() || !variables.containsKey(ref.get(0))) {
          skipped.add(
              new ImportReport.Skipped(
                  "variable value", ref.isEmpty() ? null : ref.get(0), "refers to no variable"));
          continue;
        }
        QdpxVariable variable = variables.get(ref.get(0));
        String value = null;
        for (Element child : children(v, null)) {
          if (child.getLocalName().endsWith("Value")) {
            value = child.getTextContent();
          }
        }
        values.add(new QdpxVariableValue(variable.guid(), variable.type(), value));
      }
      return values;
    }

    private QdpxVariable.Type type(String name) {
      try {
        return QdpxVariable.Type.valueOf(name.trim());
      } catch (IllegalArgumentException e) {
        return QdpxVariable.Type.Text;
      }
    }
  }

  private static List<String> targets(Element owner, String element) {
    List<String> guids = new ArrayList<>();
    for (Element ref : children(owner, element)) {
      guids.add(required(ref, "targetGUID"));
    }
    return guids;
  }

  private static String description(Element owner) {
    List<Element> d = children(owner, "Description");
    return d.isEmpty() ? null : d.get(0).getTextContent();
  }

  /** Child elements by local name (any when null), whatever namespace the writer used. */
  static List<Element> children(Element parent, String localName) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && (localName == null || localName.equals(e.getLocalName()))) {
        out.add(e);
      }
    }
    return out;
  }

  private static String required(Element e, String attribute) {
    String value = e.getAttribute(attribute);
    if (value.isEmpty()) {
      throw new QdpxException(
          "qdpx.attribute-missing", e.getLocalName() + " without its " + attribute);
    }
    return value;
  }

  private static String optional(Element e, String attribute) {
    return e.hasAttribute(attribute) ? e.getAttribute(attribute) : null;
  }

  private static int integer(Element e, String attribute) {
    String value = required(e, attribute).trim();
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException ex) {
      throw new QdpxException(
          "qdpx.selection-out-of-range",
          e.getLocalName() + " " + e.getAttribute("guid") + " has " + attribute + "=" + value);
    }
  }
}
