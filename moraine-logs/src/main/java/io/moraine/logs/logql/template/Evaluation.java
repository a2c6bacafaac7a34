package io.moraine.logs.logql.template;

/** One execution's context: the data and the template's regex cache. */
final class Evaluation {
  private final TemplateData data;
  private final Template template;

  Evaluation(TemplateData data, Template template) {
    this.data = data;
    this.template = template;
  }

  TemplateData data() {
    return data;
  }

  TemplateRegex regex(String re) {
    return template.regex(re);
  }
}
