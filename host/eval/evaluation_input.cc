#include "eval/evaluation_input.h"

#include "eval/byte_fields.h"

namespace jetsam::eval {
namespace {

void PutOptional(std::string* out, const std::optional<std::string>& value) {
  PutBytes(out, value ? "+" + *value : "-");
}

bool GetOptional(const std::string& in, size_t* pos, std::optional<std::string>* value) {
  std::string field;
  if (!GetBytes(in, pos, &field) || field.empty() || (field[0] != '+' && field[0] != '-')) return false;
  if (field[0] == '+') *value = field.substr(1);
  else value->reset();
  return field[0] == '+' || field.size() == 1;
}

void PutList(std::string* out, const std::vector<std::string>& items) {
  PutBytes(out, std::to_string(items.size()));
  for (const auto& item : items) PutBytes(out, item);
}

bool GetList(const std::string& in, size_t* pos, std::vector<std::string>* items) {
  size_t n = 0;
  if (!GetCount(in, pos, &n)) return false;
  items->clear();
  for (size_t i = 0; i < n; ++i) {
    std::string item;
    if (!GetBytes(in, pos, &item)) return false;
    items->push_back(std::move(item));
  }
  return true;
}

bool GetNumber(const std::string& in, size_t* pos, int64_t* out) {
  size_t n = 0;
  if (!GetCount(in, pos, &n)) return false;
  *out = static_cast<int64_t>(n);
  return true;
}

}  // namespace

std::string EncodeInput(const Limits& limits, const Sources& sources, const Plan& plan, const HostFacts& host,
                        Phase last) {
  std::string out;
  PutBytes(&out, std::to_string(limits.cpu_ms));
  PutBytes(&out, std::to_string(limits.memory_bytes));
  PutBytes(&out, std::to_string(static_cast<int>(last)));
  PutBytes(&out, sources.Encode());
  for (int i = 0; i < 3; ++i) {
    PutList(&out, plan.phases[i]);
    PutBytes(&out, std::to_string(plan.after[i].size()));
    for (const auto& extra : plan.after[i]) {
      PutBytes(&out, extra.name);
      PutBytes(&out, extra.text);
      PutBytes(&out, std::to_string(static_cast<int>(extra.phase)));
    }
  }
  PutBytes(&out, plan.dotenv ? "1" : "0");
  PutBytes(&out, host.env);
  PutBytes(&out, host.extra);
  PutOptional(&out, host.region);
  PutOptional(&out, host.account);
  PutOptional(&out, host.s3_bucket);
  PutOptional(&out, host.info_project_name);
  PutBytes(&out, host.lookups.dump());
  PutBytes(&out, std::to_string(host.environment.size()));
  for (const auto& [name, value] : host.environment) {
    PutBytes(&out, name);
    PutBytes(&out, value);
  }
  PutList(&out, host.allow_require);
  return out;
}

bool DecodeInput(const std::string& bytes, EvaluationInput* out) {
  size_t pos = 0, n = 0;
  int64_t last = 0;
  std::string field;
  if (!GetNumber(bytes, &pos, &out->limits.cpu_ms) || !GetNumber(bytes, &pos, &out->limits.memory_bytes) ||
      !GetNumber(bytes, &pos, &last) || last > static_cast<int>(Phase::kDeploy) || !GetBytes(bytes, &pos, &field))
    return false;
  out->last = static_cast<Phase>(last);
  size_t at = 0;
  if (!out->sources.Decode(field, &at) || at != field.size()) return false;
  for (int i = 0; i < 3; ++i) {
    if (!GetList(bytes, &pos, &out->plan.phases[i]) || !GetCount(bytes, &pos, &n)) return false;
    for (size_t k = 0; k < n; ++k) {
      EvalOptions::ExtraFile extra;
      int64_t phase = 0;
      if (!GetBytes(bytes, &pos, &extra.name) || !GetBytes(bytes, &pos, &extra.text) ||
          !GetNumber(bytes, &pos, &phase) || phase > static_cast<int>(Phase::kDeploy))
        return false;
      extra.phase = static_cast<Phase>(phase);
      out->plan.after[i].push_back(std::move(extra));
    }
  }
  HostFacts& host = out->host;
  if (!GetBytes(bytes, &pos, &field) || (field != "0" && field != "1")) return false;
  out->plan.dotenv = field == "1";
  if (!GetBytes(bytes, &pos, &host.env) || !GetBytes(bytes, &pos, &host.extra) ||
      !GetOptional(bytes, &pos, &host.region) || !GetOptional(bytes, &pos, &host.account) ||
      !GetOptional(bytes, &pos, &host.s3_bucket) || !GetOptional(bytes, &pos, &host.info_project_name) ||
      !GetBytes(bytes, &pos, &field))
    return false;
  host.lookups = nlohmann::json::parse(field, nullptr, /*allow_exceptions=*/false);
  if (host.lookups.is_discarded() || !GetCount(bytes, &pos, &n)) return false;
  for (size_t i = 0; i < n; ++i) {
    std::string name, value;
    if (!GetBytes(bytes, &pos, &name) || !GetBytes(bytes, &pos, &value)) return false;
    host.environment[std::move(name)] = std::move(value);
  }
  if (!GetList(bytes, &pos, &host.allow_require)) return false;
  host.checkout = &out->sources.checkout;
  return pos == bytes.size();
}

}  // namespace jetsam::eval
