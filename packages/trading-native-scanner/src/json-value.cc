// JSON scalars for the ingest scanner (json-value.h). Numbers: the JSON grammar checked by hand, then the value
// computed exactly (Clinger's fast path when the digits and the power of ten are both exact doubles, else
// std::from_chars, which rounds correctly like V8); a value out of double range is "unsure".
#include "json-value.h"

#include <charconv>
#include <cstring>

namespace vigil {

namespace {

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr uint64_t kMaxExactInteger = uint64_t{1} << 53;

inline bool isDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool JsonCursor::readString(Value& out, std::string& scratch) {
  const char* start = p_;
  // Fast scan: most strings have no escape.
  while (p_ < end_) {
    unsigned char c = static_cast<unsigned char>(*p_);
    if (c == '"') {
      out.kind = Kind::String;
      out.text = std::string_view(start, p_ - start);
      ++p_;
      return true;
    }
    if (c == '\\') break;
    // Raw control characters are invalid JSON; DEL and non-ASCII are valid but left to the JS path (validation
    // refuses DEL in text; label lengths count UTF-16 units).
    if (c < 0x20 || c >= 0x7f) return false;
    ++p_;
  }
  if (p_ >= end_) return false;
  size_t from = scratch.size();
  scratch.append(start, p_ - start);
  while (p_ < end_) {
    unsigned char c = static_cast<unsigned char>(*p_);
    if (c == '"') {
      out.kind = Kind::String;
      out.text = std::string_view(scratch.data() + from, scratch.size() - from);
      ++p_;
      return true;
    }
    if (c == '\\') {
      if (p_ + 1 >= end_) return false;
      char e = p_[1];
      if (e != '"' && e != '\\' && e != '/') return false;
      scratch.push_back(e);
      p_ += 2;
      continue;
    }
    if (c < 0x20 || c >= 0x7f) return false;
    scratch.push_back(static_cast<char>(c));
    ++p_;
  }
  return false;
}

bool JsonCursor::readWord(const char* word, size_t n) {
  if (static_cast<size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
  p_ += n;
  return true;
}

bool JsonCursor::readValue(Value& out, std::string& scratch) {
  if (p_ >= end_) return false;
  switch (*p_) {
    case '"':
      ++p_;
      return readString(out, scratch);
    case 't':
      out.kind = Kind::True;
      return readWord("true", 4);
    case 'f':
      out.kind = Kind::False;
      return readWord("false", 5);
    case 'n':
      out.kind = Kind::Null;
      return readWord("null", 4);
    default:
      return readNumber(out);
  }
}

bool JsonCursor::readNumber(Value& out) {
  const char* start = p_;
  bool negative = consume('-');
  // Integer part: 0, or a non-zero digit then digits (a leading zero before more digits is invalid JSON).
  if (p_ >= end_ || !isDigit(*p_)) return false;
  uint64_t mantissa = 0;
  int digits = 0;  // significant digits gathered in mantissa
  bool exact = true;
  int exponent = 0;
  auto addDigit = [&](char c) {
    if (mantissa == 0 && c == '0') return;  // leading zeros of a fraction carry no significance
    if (digits < 19) {
      mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
      ++digits;
    } else {
      exact = false;
    }
  };
  if (*p_ == '0') {
    ++p_;
    if (p_ < end_ && isDigit(*p_)) return false;
  } else {
    while (p_ < end_ && isDigit(*p_)) {
      addDigit(*p_);
      if (!exact) ++exponent;  // dropped integer digits still scale the value
      ++p_;
    }
  }
  if (p_ < end_ && *p_ == '.') {
    ++p_;
    if (p_ >= end_ || !isDigit(*p_)) return false;
    while (p_ < end_ && isDigit(*p_)) {
      if (mantissa != 0 || *p_ != '0') {
        addDigit(*p_);
        if (exact) --exponent;
      } else {
        --exponent;  // 0.000x: zeros after the point before the first significant digit
      }
      ++p_;
    }
  }
  if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
    ++p_;
    bool expNegative = false;
    if (p_ < end_ && (*p_ == '+' || *p_ == '-')) expNegative = *p_++ == '-';
    if (p_ >= end_ || !isDigit(*p_)) return false;
    int e = 0;
    while (p_ < end_ && isDigit(*p_)) {
      if (e < 100000) e = e * 10 + (*p_ - '0');
      ++p_;
    }
    exponent += expNegative ? -e : e;
  }
  out.kind = Kind::Number;
  if (exact && mantissa <= kMaxExactInteger && exponent >= -22 && exponent <= 22) {
    double m = static_cast<double>(mantissa);
    double v = mantissa == 0 ? 0.0 : exponent < 0 ? m / kPow10[-exponent] : m * kPow10[exponent];
    out.number = negative ? -v : v;
    return true;
  }
  double v = 0;
  auto res = std::from_chars(start, p_, v);
  if (res.ec != std::errc() || res.ptr != p_) return false;
  out.number = v;
  return true;
}

}  // namespace vigil
