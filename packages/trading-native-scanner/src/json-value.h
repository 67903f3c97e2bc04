// Reads one JSON scalar exactly as JSON.parse would, or says it is unsure. Only what flat ASCII events need:
// strings of printable ASCII with the escapes \" \\ \/, numbers, true, false, null. Anything else (another
// escape, a non-ASCII byte, DEL, a nested value) is "unsure", and the caller hands the body to JSON.parse.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace vigil {

enum class Kind : uint8_t { Absent, Null, True, False, Number, String };

struct Value {
  Kind kind = Kind::Absent;
  double number = 0;
  std::string_view text;
};

class JsonCursor {
 public:
  JsonCursor(const char* begin, const char* end, bool lineDelimited)
      : p_(begin), end_(end), lineDelimited_(lineDelimited) {}

  const char* at() const { return p_; }
  bool atEnd() const { return p_ == end_; }
  char peek() const { return p_ < end_ ? *p_ : '\0'; }
  void advance() { ++p_; }

  /** Skips JSON whitespace; inside an NDJSON line a line feed is not whitespace but the line's end. */
  void skipSpace() {
    while (p_ < end_) {
      char c = *p_;
      if (c == ' ' || c == '\t' || c == '\r' || (c == '\n' && !lineDelimited_)) ++p_;
      else break;
    }
  }

  bool consume(char c) {
    if (p_ < end_ && *p_ == c) {
      ++p_;
      return true;
    }
    return false;
  }

  /**
   * A string after its opening quote. Unescaped strings are views of the input; escaped ones are decoded into
   * `scratch`, whose capacity the caller reserved so the views stay valid.
   */
  bool readString(Value& out, std::string& scratch);

  /** A scalar value (the caller skipped whitespace before it). */
  bool readValue(Value& out, std::string& scratch);

 private:
  bool readNumber(Value& out);
  bool readWord(const char* word, size_t n);

  const char* p_;
  const char* end_;
  bool lineDelimited_;
};

}  // namespace vigil
