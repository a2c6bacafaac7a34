package io.moraine.ingest.relabel;

import io.moraine.core.labels.GoQuote;
import java.util.Locale;

/**
 * The relabel actions, spelt as in the configuration. "value" is the source labels' values joined
 * with the separator (a missing label joins as "").
 *
 * <table>
 *   <caption>Actions</caption>
 *   <tr><th>name</th><th>uses</th><th>effect</th></tr>
 *   <tr><td>replace</td><td>source, regex, target, replacement</td>
 *       <td>if regex matches value, sets the expanded target to the expanded replacement (an empty
 *           result deletes target_label)</td></tr>
 *   <tr><td>keep</td><td>source, regex</td><td>drops the set unless regex matches value</td></tr>
 *   <tr><td>drop</td><td>source, regex</td><td>drops the set if regex matches value</td></tr>
 *   <tr><td>keepequal</td><td>source, target</td>
 *       <td>drops the set unless value equals target's value</td></tr>
 *   <tr><td>dropequal</td><td>source, target</td>
 *       <td>drops the set if value equals target's value</td></tr>
 *   <tr><td>hashmod</td><td>source, modulus, target</td>
 *       <td>sets target to the MD5 of value (its last 8 bytes, big-endian) modulo modulus</td></tr>
 *   <tr><td>labelmap</td><td>regex, replacement</td>
 *       <td>copies each label whose name matches to the expanded replacement name</td></tr>
 *   <tr><td>labeldrop</td><td>regex</td><td>removes labels whose name matches</td></tr>
 *   <tr><td>labelkeep</td><td>regex</td><td>removes labels whose name does not match</td></tr>
 *   <tr><td>lowercase</td><td>source, target</td><td>sets target to value in lower case</td></tr>
 *   <tr><td>uppercase</td><td>source, target</td><td>sets target to value in upper case</td></tr>
 * </table>
 */
public enum RelabelAction {
  REPLACE,
  KEEP,
  DROP,
  KEEPEQUAL,
  DROPEQUAL,
  HASHMOD,
  LABELMAP,
  LABELDROP,
  LABELKEEP,
  LOWERCASE,
  UPPERCASE;

  /** The name as written in the configuration ({@code keepequal}, {@code labelmap}, ...). */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses an action name, ignoring case as Prometheus does.
   *
   * @throws InvalidRelabelConfigException for an empty or unknown name
   */
  public static RelabelAction parse(String name) {
    if (name.isEmpty()) {
      throw new InvalidRelabelConfigException("relabel action cannot be empty");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (RelabelAction a : values()) {
      if (a.configName().equals(lower)) {
        return a;
      }
    }
    throw new InvalidRelabelConfigException("unknown relabel action " + GoQuote.quote(name));
  }

  @Override
  public String toString() {
    return configName();
  }
}
