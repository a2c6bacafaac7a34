package io.moraine.logs.logql.pipeline;

import io.moraine.core.time.Clock;
import io.moraine.logs.logql.ast.LabelFormat;
import io.moraine.logs.logql.template.Template;
import io.moraine.logs.logql.template.TemplateException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code line_format} and {@code label_format}. A template that fails at run time sets {@code
 * __error__="TemplateFormatErr"} with the error in {@code __error_details__}; line_format then
 * keeps the line, label_format leaves that label as it was.
 */
final class FormatStages {
  static final String TEMPLATE_ERR = "TemplateFormatErr";

  private FormatStages() {}

  static Template template(String source, String what) {
    try {
      return Template.parse(source);
    } catch (TemplateException e) {
      throw new IllegalArgumentException("invalid " + what + ": " + e.getMessage(), e);
    }
  }

  /** {@code | line_format "{{.a}}"}. */
  record LineFormatStage(Template template, Clock clock) implements CompiledStage {
    @Override
    public StageRunner newRunner() {
      EntryTemplateData data = new EntryTemplateData(clock);
      StringBuilder sb = new StringBuilder(256);
      byte[][] out = {new byte[256]};
      return e -> {
        data.bind(e);
        sb.setLength(0);
        try {
          template.execute(data, sb);
        } catch (TemplateException ex) {
          e.labels.setError(TEMPLATE_ERR, ex.getMessage());
          return true;
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (out[0].length < b.length) {
          out[0] = new byte[Math.max(b.length, out[0].length * 2)];
        }
        System.arraycopy(b, 0, out[0], 0, b.length);
        e.setLine(out[0], 0, b.length);
        return true;
      };
    }
  }

  /** {@code | label_format dst=src, dst2="{{...}}"}: renames and templates in order. */
  static final class LabelFormatStage implements CompiledStage {
    private final String[] targets;
    private final String[] sources;
    private final Template[] templates;
    private final Clock clock;

    LabelFormatStage(List<LabelFormat.Operation> ops, Clock clock) {
      this.clock = clock;
      int n = ops.size();
      targets = new String[n];
      sources = new String[n];
      templates = new Template[n];
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < n; i++) {
        LabelFormat.Operation op = ops.get(i);
        if (op.target().equals(LabelState.ERROR)) {
          throw new IllegalArgumentException(LabelState.ERROR + " cannot be formatted");
        }
        if (!seen.add(op.target())) {
          throw new IllegalArgumentException(
              "multiple label name '" + op.target() + "' not allowed in a single format operation");
        }
        targets[i] = op.target();
        sources[i] = op.source();
        if (op.template()) {
          templates[i] = template(op.source(), "template for label '" + op.target() + "'");
        }
      }
    }

    @Override
    public StageRunner newRunner() {
      EntryTemplateData data = new EntryTemplateData(clock);
      StringBuilder sb = new StringBuilder(64);
      return e -> {
        data.bind(e);
        boolean snap = false;
        for (int i = 0; i < targets.length; i++) {
          Template t = templates[i];
          if (t == null) {
            String v = e.labels.get(sources[i]);
            if (v != null) {
              e.labels.set(targets[i], v);
              e.labels.delete(sources[i]);
            }
            continue;
          }
          if (!snap) {
            data.snapshot();
            snap = true;
          }
          sb.setLength(0);
          try {
            t.execute(data, sb);
          } catch (TemplateException ex) {
            e.labels.setError(TEMPLATE_ERR, ex.getMessage());
            continue;
          }
          e.labels.set(targets[i], sb.toString());
        }
        return true;
      };
    }
  }
}
