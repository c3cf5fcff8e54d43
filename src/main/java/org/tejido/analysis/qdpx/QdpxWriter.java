package org.tejido.analysis.qdpx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a project as a REFI-QDA archive whose {@code project.qde} validates against the REFI
 * {@code Project.xsd}: text sources as UTF-8 files {@code sources/<guid>.txt}, positions in code
 * points as the standard prescribes.
 */
public final class QdpxWriter {

  private static final Pattern RGB = Pattern.compile("#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})");
  private static final Pattern GUID =
      Pattern.compile(
          "\\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\}?");

  private QdpxWriter() {}

  /** Writes the archive; the stream is finished but not closed. */
  public static void write(QdpxProject project, OutputStream out) {
    try {
      ZipOutputStream zip = new ZipOutputStream(out);
      zip.putNextEntry(new ZipEntry("project.qde"));
      zip.write(projectXml(project));
      zip.closeEntry();
      for (QdpxSource source : project.sources()) {
        zip.putNextEntry(new ZipEntry("sources/" + fileName(source.guid()) + ".txt"));
        zip.write(source.text().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      zip.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The identifier as written: a GUID stays as it is; anything else (some programs write their own
   * ids) becomes a name-based UUID derived from it, the same wherever it is referred to, so the
   * export stays valid and consistent.
   */
  static String guid(String id) {
    if (GUID.matcher(id).matches()) {
      return id;
    }
    return UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String fileName(String id) {
    return guid(id).replace("{", "").replace("}", "");
  }

  static byte[] projectXml(QdpxProject project) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      XMLStreamWriter x =
          XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, StandardCharsets.UTF_8.name());
      new Xml(x, project).write();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write project.qde", e);
    }
    return bytes.toByteArray();
  }

  private static final class Xml {
    private final XMLStreamWriter x;
    private final QdpxProject project;
    private final Map<QdpxNote.Target, List<String>> notesOf = new HashMap<>();

    Xml(XMLStreamWriter x, QdpxProject project) {
      this.x = x;
      this.project = project;
      for (QdpxNote note : project.notes()) {
        for (QdpxNote.Target t : note.annotates()) {
          notesOf.computeIfAbsent(t, k -> new ArrayList<>()).add(note.guid());
        }
      }
    }

    void write() throws XMLStreamException {
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("Project");
      x.writeDefaultNamespace(QdpxReader.NAMESPACE);
      x.writeAttribute("name", project.name());
      x.writeAttribute("origin", "Tejido");
      if (!project.users().isEmpty()) {
        x.writeStartElement("Users");
        for (QdpxUser u : project.users()) {
          x.writeEmptyElement("User");
          x.writeAttribute("guid", guid(u.guid()));
          attribute("name", u.name());
          attribute("id", u.id());
        }
        x.writeEndElement();
      }
      if (!project.codes().isEmpty()) {
        x.writeStartElement("CodeBook");
        x.writeStartElement("Codes");
        for (QdpxCode c : project.codes()) {
          code(c);
        }
        x.writeEndElement();
        x.writeEndElement();
      }
      if (!project.variables().isEmpty()) {
        x.writeStartElement("Variables");
        for (QdpxVariable v : project.variables()) {
          x.writeStartElement("Variable");
          x.writeAttribute("guid", guid(v.guid()));
          x.writeAttribute("name", v.name());
          x.writeAttribute("typeOfVariable", v.type().name());
          text("Description", v.description());
          x.writeEndElement();
        }
        x.writeEndElement();
      }
      if (!project.cases().isEmpty()) {
        x.writeStartElement("Cases");
        for (QdpxCase c : project.cases()) {
          x.writeStartElement("Case");
          x.writeAttribute("guid", guid(c.guid()));
          attribute("name", c.name());
          text("Description", c.description());
          refs("CodeRef", c.codeGuids());
          values(c.values());
          refs("SourceRef", c.sourceGuids());
          refs("SelectionRef", c.selectionGuids());
          x.writeEndElement();
        }
        x.writeEndElement();
      }
      if (!project.sources().isEmpty()) {
        x.writeStartElement("Sources");
        for (QdpxSource s : project.sources()) {
          source(s);
        }
        x.writeEndElement();
      }
      if (!project.notes().isEmpty()) {
        x.writeStartElement("Notes");
        for (QdpxNote n : project.notes()) {
          x.writeStartElement("Note");
          x.writeAttribute("guid", guid(n.guid()));
          attribute("name", n.name());
          text("PlainTextContent", n.text());
          x.writeEndElement();
        }
        x.writeEndElement();
      }
      noteRefs(QdpxNote.Kind.PROJECT, "project");
      x.writeEndElement();
      x.writeEndDocument();
    }

    private void code(QdpxCode c) throws XMLStreamException {
      x.writeStartElement("Code");
      x.writeAttribute("guid", guid(c.guid()));
      x.writeAttribute("name", c.name());
      x.writeAttribute("isCodable", Boolean.toString(c.codable()));
      if (c.color() != null && RGB.matcher(c.color().trim()).matches()) {
        x.writeAttribute("color", c.color().trim());
      }
      text("Description", c.description());
      noteRefs(QdpxNote.Kind.CODE, c.guid());
      for (QdpxCode child : c.children()) {
        code(child);
      }
      x.writeEndElement();
    }

    private void source(QdpxSource s) throws XMLStreamException {
      x.writeStartElement("TextSource");
      x.writeAttribute("guid", guid(s.guid()));
      attribute("name", s.name());
      x.writeAttribute("plainTextPath", "internal://" + fileName(s.guid()) + ".txt");
      for (QdpxSelection sel : s.selections()) {
        x.writeStartElement("PlainTextSelection");
        x.writeAttribute("guid", guid(sel.guid()));
        attribute("name", sel.name());
        x.writeAttribute("startPosition", Integer.toString(sel.start()));
        x.writeAttribute("endPosition", Integer.toString(sel.end()));
        attribute("creatingUser", sel.creatingUser() == null ? null : guid(sel.creatingUser()));
        for (QdpxCoding c : sel.codings()) {
          x.writeStartElement("Coding");
          x.writeAttribute("guid", guid(c.guid()));
          attribute("creatingUser", c.coderGuid() == null ? null : guid(c.coderGuid()));
          x.writeEmptyElement("CodeRef");
          x.writeAttribute("targetGUID", guid(c.codeGuid()));
          noteRefs(QdpxNote.Kind.CODING, c.guid());
          x.writeEndElement();
        }
        noteRefs(QdpxNote.Kind.SELECTION, sel.guid());
        x.writeEndElement();
      }
      noteRefs(QdpxNote.Kind.SOURCE, s.guid());
      values(s.values());
      x.writeEndElement();
    }

    private void values(List<QdpxVariableValue> values) throws XMLStreamException {
      for (QdpxVariableValue v : values) {
        x.writeStartElement("VariableValue");
        x.writeEmptyElement("VariableRef");
        x.writeAttribute("targetGUID", guid(v.variableGuid()));
        text(v.type().name() + "Value", v.value());
        x.writeEndElement();
      }
    }

    private void noteRefs(QdpxNote.Kind kind, String guid) throws XMLStreamException {
      refs("NoteRef", notesOf.getOrDefault(new QdpxNote.Target(kind, guid), List.of()));
    }

    private void refs(String element, List<String> guids) throws XMLStreamException {
      for (String guid : guids) {
        x.writeEmptyElement(element);
        x.writeAttribute("targetGUID", guid(guid));
      }
    }

    private void attribute(String name, String value) throws XMLStreamException {
      if (value != null) {
        x.writeAttribute(name, value);
      }
    }

    private void text(String element, String value) throws XMLStreamException {
      if (value != null) {
        x.writeStartElement(element);
        x.writeCharacters(value);
        x.writeEndElement();
      }
    }
  }
}
