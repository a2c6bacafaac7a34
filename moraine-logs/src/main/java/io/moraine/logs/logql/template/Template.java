package io.moraine.logs.logql.template;

import io.moraine.logs.logql.regex.Re2Pattern;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parsed Go template, as {@code line_format} and {@code label_format} use it (option {@code
 * missingkey=zero}: a missing label reads as ""). Immutable apart from an internal cache of
 * compiled regexes; thread-safe.
 */
public final class Template {
  /**
   * Cap on distinct regexes cached per template; dynamic regexes beyond it are compiled per use.
   */
  private static final int REGEX_CACHE_MAX = 64;

  private final String source;
  private final List<Node> root;
  private final ConcurrentHashMap<String, TemplateRegex> regexes = new ConcurrentHashMap<>();

  private Template(String source, List<Node> root) {
    this.source = source;
    this.root = root;
  }

  /**
   * Parses a template.
   *
   * @throws TemplateException naming what is wrong (an unknown function, an unclosed action)
   */
  public static Template parse(String template) {
    return new Template(template, TemplateParser.parse(template));
  }

  /**
   * Runs the template, appending its output to {@code out}.
   *
   * @throws TemplateException when a function fails or values do not fit; {@code out} then holds
   *     partial output
   */
  public void execute(TemplateData data, StringBuilder out) {
    new TemplateEvaluator(new Evaluation(data, this), out).run(root);
  }

  /** Whether the template is plain text (no actions): its output is its source. */
  public boolean isConstant() {
    return root.stream().allMatch(n -> n instanceof Node.Text);
  }

  /** The template as written. */
  public String source() {
    return source;
  }

  TemplateRegex regex(String re) {
    TemplateRegex r = regexes.get(re);
    if (r != null) {
      return r;
    }
    try {
      r = new TemplateRegex(Re2Pattern.compile(re));
    } catch (IllegalArgumentException e) {
      throw new TemplateException(String.valueOf(e.getMessage()));
    }
    if (regexes.size() < REGEX_CACHE_MAX) {
      regexes.put(re, r);
    }
    return r;
  }

  @Override
  public String toString() {
    return source;
  }
}
