// The batch's string table as batch-codec.ts builds it: one newline-joined string; `intern` reuses the entry
// of an equal string interned before (label values, order ids), `append` always adds one (fill ids, unique
// to their event). As in JS, an appended id is never found by `intern`.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil {

class StringTable {
 public:
  void clear() {
    joined_.clear();
    count_ = 0;
    used_ = 0;
    if (slots_.empty()) slots_.resize(256);
    for (Slot& s : slots_) s.index = kEmpty;
  }

  uint32_t append(std::string_view s) {
    if (count_ > 0) joined_.push_back('\n');
    offsets_.resize(count_ + 1);
    offsets_[count_] = static_cast<uint32_t>(joined_.size());
    joined_.append(s);
    return count_++;
  }

  uint32_t intern(std::string_view s) {
    if ((used_ + 1) * 2 > slots_.size()) grow();
    uint32_t h = hash(s);
    size_t mask = slots_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.index == kEmpty) {
        slot = {h, static_cast<uint32_t>(s.size()), append(s)};
        ++used_;
        return slot.index;
      }
      if (slot.hash == h && slot.length == s.size() && view(slot) == s) return slot.index;
    }
  }

  const std::string& joined() const { return joined_; }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  struct Slot {
    uint32_t hash;
    uint32_t length;
    uint32_t index;
  };

  static uint32_t hash(std::string_view s) {
    uint32_t h = 2166136261u;  // FNV-1a
    for (unsigned char c : s) h = (h ^ c) * 16777619u;
    return h;
  }

  std::string_view view(const Slot& slot) const { return std::string_view(joined_).substr(offsets_[slot.index], slot.length); }

  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot{0, 0, kEmpty});
    size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.index == kEmpty) continue;
      size_t i = s.hash & mask;
      while (slots_[i].index != kEmpty) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::string joined_;
  std::vector<uint32_t> offsets_;
  std::vector<Slot> slots_;
  uint32_t count_ = 0;
  size_t used_ = 0;
};

}  // namespace vigil
