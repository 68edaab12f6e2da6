#include "ingest/key_set.hpp"

#include <cstring>

namespace pl::ingest {
namespace {

// Eight bytes at a time with a multiply-xorshift mix: keys are short
// identifiers, and hashing must not dominate a row's validation.
std::uint64_t Hash(std::string_view key) {
  std::uint64_t h = 0x9e3779b97f4a7c15ull ^ key.size();
  const char* p = key.data();
  std::size_t n = key.size();
  while (n >= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    h = (h ^ word) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
    p += 8;
    n -= 8;
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, p, n);
  h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

}  // namespace

KeySet::KeySet() : slots_(1024) {}

std::string_view KeySet::KeyAt(std::uint64_t offset) const {
  const char* p = arena_.data() + offset - 1;
  std::uint32_t length;
  std::memcpy(&length, p + 8, 4);
  return {p + 12, length};
}

std::size_t KeySet::Find(std::string_view key, std::uint64_t hash) const {
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.offset == 0) return i;
    if (s.hash == hash && KeyAt(s.offset) == key) return i;
  }
}

void KeySet::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.size() * 2, Slot{});
  std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.offset == 0) continue;
    std::size_t i = s.hash & mask;
    while (slots_[i].offset != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

std::uint64_t KeySet::Insert(std::string_view key, std::uint64_t line) {
  if ((size_ + 1) * 4 > slots_.size() * 3) Grow();
  std::uint64_t hash = Hash(key);
  std::size_t i = Find(key, hash);
  if (slots_[i].offset != 0) {
    std::uint64_t earlier;
    std::memcpy(&earlier, arena_.data() + slots_[i].offset - 1, 8);
    return earlier;
  }
  std::uint64_t offset = arena_.size() + 1;
  auto length = static_cast<std::uint32_t>(key.size());
  arena_.resize(arena_.size() + 12 + key.size());
  char* p = arena_.data() + offset - 1;
  std::memcpy(p, &line, 8);
  std::memcpy(p + 8, &length, 4);
  std::memcpy(p + 12, key.data(), key.size());
  slots_[i] = Slot{hash, offset};
  ++size_;
  return 0;
}

bool KeySet::Contains(std::string_view key) const { return slots_[Find(key, Hash(key))].offset != 0; }

void AppendKeyPart(std::string* key, std::string_view part) {
  if (!key->empty()) key->push_back('\x1f');
  key->append(part);
}

}  // namespace pl::ingest
