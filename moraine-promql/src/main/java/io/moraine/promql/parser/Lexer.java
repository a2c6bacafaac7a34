package io.moraine.promql.parser;

/**
 * PromQL's lexer, a port of Prometheus 2.42's state machine: the same tokens, the same modes
 * (inside braces, after {@code [}), the same errors at the same positions. Comments are skipped.
 *
 * <p>Tokens are produced one at a time by {@link #next()}; the current one is {@link #type}, {@link
 * #start} and {@link #end} (UTF-16 offsets). A lexical error throws {@link ParseException} at the
 * position Prometheus reports. Not thread-safe; one per parse.
 */
final class Lexer {
  private static final int EOF = -1;

  private final String input;
  private int pos;
  private int tokenStart;
  private int width;

  private int parenDepth;
  private boolean braceOpen;
  private boolean bracketOpen;
  private boolean gotColon;
  private boolean durationNext;
  private boolean done;

  /** The current token. */
  TokenType type = TokenType.EOF;

  /** Where the current token starts. */
  int start;

  /** Where the current token ends (exclusive). */
  int end;

  Lexer(String input) {
    this.input = input;
  }

  String input() {
    return input;
  }

  /** The current token's text. */
  String text() {
    return input.substring(start, end);
  }

  /** Scans the next token. */
  void next() {
    while (true) {
      if (done) {
        emit(TokenType.EOF);
        return;
      }
      if (durationNext) {
        durationNext = false;
        lexDuration();
        return;
      }
      boolean emitted = braceOpen ? lexInsideBraces() : lexStatements();
      if (emitted) {
        return;
      }
    }
  }

  // --- rune reading ----------------------------------------------------------------------------

  private int read() {
    if (pos >= input.length()) {
      width = 0;
      return EOF;
    }
    int cp = input.codePointAt(pos);
    width = Character.charCount(cp);
    pos += width;
    return cp;
  }

  private int peek() {
    int r = read();
    backup();
    return r;
  }

  private void backup() {
    pos -= width;
  }

  private boolean accept(String valid) {
    int r = read();
    if (r != EOF && valid.indexOf(r) >= 0) {
      return true;
    }
    backup();
    return false;
  }

  private void acceptRun(String valid) {
    while (true) {
      int r = read();
      if (r == EOF || valid.indexOf(r) < 0) {
        backup();
        return;
      }
    }
  }

  private void emit(TokenType t) {
    type = t;
    start = tokenStart;
    end = pos;
    tokenStart = pos;
  }

  private void ignore() {
    tokenStart = pos;
  }

  private ParseException error(String reason) {
    return ParseErrors.at(input, tokenStart, reason);
  }

  // --- states ----------------------------------------------------------------------------------

  private boolean lexStatements() {
    if (input.startsWith("#", pos)) {
      lexLineComment();
      return false;
    }
    int r = read();
    switch (r) {
      case EOF -> {
        if (parenDepth != 0) {
          throw error("unclosed left parenthesis");
        } else if (bracketOpen) {
          throw error("unclosed left bracket");
        }
        emit(TokenType.EOF);
        done = true;
      }
      case ',' -> emit(TokenType.COMMA);
      case ' ', '\t', '\n', '\r' -> {
        lexSpace();
        return false;
      }
      case '*' -> emit(TokenType.MUL);
      case '/' -> emit(TokenType.DIV);
      case '%' -> emit(TokenType.MOD);
      case '+' -> emit(TokenType.ADD);
      case '-' -> emit(TokenType.SUB);
      case '^' -> emit(TokenType.POW);
      case '=' -> {
        int t = peek();
        if (t == '=') {
          read();
          emit(TokenType.EQLC);
        } else if (t == '~') {
          throw error("unexpected character after '=': " + GoText.quoteRune(t));
        } else {
          emit(TokenType.EQL);
        }
      }
      case '!' -> {
        int t = read();
        if (t != '=') {
          throw error("unexpected character after '!': " + quoteRune(t));
        }
        emit(TokenType.NEQ);
      }
      case '<' -> emitWithEquals(TokenType.LTE, TokenType.LSS);
      case '>' -> emitWithEquals(TokenType.GTE, TokenType.GTR);
      case '"', '\'' -> lexString(r);
      case '`' -> lexRawString();
      case '(' -> {
        emit(TokenType.LEFT_PAREN);
        parenDepth++;
      }
      case ')' -> {
        emit(TokenType.RIGHT_PAREN);
        parenDepth--;
        if (parenDepth < 0) {
          throw error("unexpected right parenthesis " + GoText.quoteRune(r));
        }
      }
      case '{' -> {
        emit(TokenType.LEFT_BRACE);
        braceOpen = true;
      }
      case '[' -> {
        if (bracketOpen) {
          throw error("unexpected left bracket " + GoText.quoteRune(r));
        }
        gotColon = false;
        emit(TokenType.LEFT_BRACKET);
        if (isSpace(peek())) {
          while (isSpace(peek())) {
            read();
          }
          ignore();
        }
        bracketOpen = true;
        durationNext = true;
      }
      case ']' -> {
        if (!bracketOpen) {
          throw error("unexpected right bracket " + GoText.quoteRune(r));
        }
        emit(TokenType.RIGHT_BRACKET);
        bracketOpen = false;
      }
      case '@' -> emit(TokenType.AT);
      default -> {
        if (isDigit(r) || (r == '.' && isDigit(peek()))) {
          backup();
          lexNumberOrDuration();
        } else if (isAlpha(r) || r == ':') {
          if (!bracketOpen) {
            backup();
            lexKeywordOrIdentifier();
          } else if (gotColon) {
            throw error("unexpected colon " + GoText.quoteRune(r));
          } else {
            emit(TokenType.COLON);
            gotColon = true;
          }
        } else {
          throw error("unexpected character: " + quoteRune(r));
        }
      }
    }
    return true;
  }

  private void emitWithEquals(TokenType withEquals, TokenType plain) {
    if (peek() == '=') {
      read();
      emit(withEquals);
    } else {
      emit(plain);
    }
  }

  private boolean lexInsideBraces() {
    if (input.startsWith("#", pos)) {
      lexLineComment();
      return false;
    }
    int r = read();
    switch (r) {
      case EOF -> throw error("unexpected end of input inside braces");
      case ' ', '\t', '\n', '\r' -> {
        lexSpace();
        return false;
      }
      case ',' -> emit(TokenType.COMMA);
      case '"', '\'' -> lexString(r);
      case '`' -> lexRawString();
      case '=' -> {
        if (read() == '~') {
          emit(TokenType.EQL_REGEX);
        } else {
          backup();
          emit(TokenType.EQL);
        }
      }
      case '!' -> {
        int nr = read();
        if (nr == '~') {
          emit(TokenType.NEQ_REGEX);
        } else if (nr == '=') {
          emit(TokenType.NEQ);
        } else {
          throw error("unexpected character after '!' inside braces: " + quoteRune(nr));
        }
      }
      case '{' -> throw error("unexpected left brace " + GoText.quoteRune(r));
      case '}' -> {
        emit(TokenType.RIGHT_BRACE);
        braceOpen = false;
      }
      default -> {
        if (!isAlpha(r)) {
          throw error("unexpected character inside braces: " + quoteRune(r));
        }
        while (isAlphaNumeric(read())) {
          // absorb
        }
        backup();
        emit(TokenType.IDENTIFIER);
      }
    }
    return true;
  }

  private void lexSpace() {
    while (isSpace(peek())) {
      read();
    }
    ignore();
  }

  private void lexLineComment() {
    pos++;
    int r = read();
    while (r != '\r' && r != '\n' && r != EOF) {
      r = read();
    }
    backup();
    ignore();
  }

  private void lexString(int quote) {
    while (true) {
      int r = read();
      if (r == '\\') {
        lexEscape(quote);
      } else if (isInvalidRune(r)) {
        throw error("invalid UTF-8 rune");
      } else if (r == EOF || r == '\n') {
        throw error("unterminated quoted string");
      } else if (r == quote) {
        break;
      }
    }
    emit(TokenType.STRING);
  }

  private void lexRawString() {
    while (true) {
      int r = read();
      if (isInvalidRune(r)) {
        throw error("invalid UTF-8 rune");
      } else if (r == EOF) {
        throw error("unterminated raw string");
      } else if (r == '`') {
        break;
      }
    }
    emit(TokenType.STRING);
  }

  /** Validates one escape sequence; the backslash has been read. */
  private void lexEscape(int quote) {
    int ch = read();
    int n;
    int base;
    long max;
    switch (ch) {
      case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> {
        return;
      }
      case '0', '1', '2', '3', '4', '5', '6', '7' -> {
        n = 3;
        base = 8;
        max = 255;
      }
      case 'x' -> {
        ch = read();
        n = 2;
        base = 16;
        max = 255;
      }
      case 'u' -> {
        ch = read();
        n = 4;
        base = 16;
        max = Character.MAX_CODE_POINT;
      }
      case 'U' -> {
        ch = read();
        n = 8;
        base = 16;
        max = Character.MAX_CODE_POINT;
      }
      case EOF -> throw error("escape sequence not terminated");
      default -> {
        if (ch == quote) {
          return;
        }
        throw error("unknown escape sequence " + GoText.unicodeRune(ch));
      }
    }
    long x = 0;
    while (n > 0) {
      int d = digitVal(ch);
      if (d >= base) {
        if (ch == EOF) {
          throw error("escape sequence not terminated");
        }
        throw error("illegal character " + GoText.unicodeRune(ch) + " in escape sequence");
      }
      x = x * base + d;
      n--;
      if (n > 0) {
        ch = read();
      }
    }
    if (x > max || (0xD800 <= x && x < 0xE000)) {
      throw error("escape sequence is an invalid Unicode code point");
    }
  }

  private void lexDuration() {
    if (scanNumber()) {
      throw error("missing unit character in duration");
    }
    if (!acceptRemainingDuration()) {
      throw error("bad duration syntax: " + GoText.quote(input.substring(tokenStart, pos)));
    }
    backup();
    emit(TokenType.DURATION);
  }

  private void lexNumberOrDuration() {
    if (scanNumber()) {
      emit(TokenType.NUMBER);
      return;
    }
    if (acceptRemainingDuration()) {
      backup();
      emit(TokenType.DURATION);
      return;
    }
    throw error("bad number or duration syntax: " + GoText.quote(input.substring(tokenStart, pos)));
  }

  private boolean acceptRemainingDuration() {
    if (!accept("smhdwy")) {
      return false;
    }
    accept("s"); // ms; bad units such as "hs" fail when the duration is parsed
    while (accept("0123456789")) {
      while (accept("0123456789")) {
        // absorb
      }
      if (!accept("smhdw")) {
        return false;
      }
      accept("s");
    }
    return !isAlphaNumeric(read());
  }

  /** Scans a number's characters; false when an alphanumeric follows (a duration, or bad). */
  private boolean scanNumber() {
    String digits = "0123456789";
    if (accept("0") && accept("xX")) {
      digits = "0123456789abcdefABCDEF";
    }
    acceptRun(digits);
    if (accept(".")) {
      acceptRun(digits);
    }
    if (accept("eE")) {
      accept("+-");
      acceptRun("0123456789");
    }
    return !isAlphaNumeric(peek());
  }

  private void lexKeywordOrIdentifier() {
    int r;
    do {
      r = read();
    } while (isAlphaNumeric(r) || r == ':');
    backup();
    String word = input.substring(tokenStart, pos);
    TokenType kw = TokenType.word(word);
    if (kw != null) {
      emit(kw);
    } else if (word.indexOf(':') < 0) {
      emit(TokenType.IDENTIFIER);
    } else {
      emit(TokenType.METRIC_IDENTIFIER);
    }
  }

  // --- character classes -----------------------------------------------------------------------

  private static String quoteRune(int r) {
    return GoText.quoteRune(r == EOF ? 0xfffd : r);
  }

  private static boolean isInvalidRune(int r) {
    return r == 0xfffd || (r >= Character.MIN_SURROGATE && r <= Character.MAX_SURROGATE);
  }

  private static int digitVal(int ch) {
    if ('0' <= ch && ch <= '9') {
      return ch - '0';
    } else if ('a' <= ch && ch <= 'f') {
      return ch - 'a' + 10;
    } else if ('A' <= ch && ch <= 'F') {
      return ch - 'A' + 10;
    }
    return 16;
  }

  static boolean isSpace(int r) {
    return r == ' ' || r == '\t' || r == '\n' || r == '\r';
  }

  static boolean isDigit(int r) {
    return '0' <= r && r <= '9';
  }

  static boolean isAlpha(int r) {
    return r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z');
  }

  static boolean isAlphaNumeric(int r) {
    return isAlpha(r) || isDigit(r);
  }

  /** Whether {@code s} is a valid label name (Prometheus's isLabel). */
  static boolean isLabel(String s) {
    if (s.isEmpty() || !isAlpha(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!isAlphaNumeric(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
