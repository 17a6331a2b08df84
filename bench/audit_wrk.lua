-- wrk script for scripts/bench-audit.sh: varied audit requests from the files bench/audit_generate writes.
--   wrk … -s bench/audit_wrk.lua URL -- names FILE     GET /api/v1/audit/enterprises?q=<a line of FILE>
--   wrk … -s bench/audit_wrk.lua URL -- search FILE    GET /api/v1/audit/search?tax_code=<first field>
--   wrk … -s bench/audit_wrk.lua URL -- propose FILE   POST /api/v1/audit/proposals with the line's prepared
--                                                      search_id (pass the session cookie and X-CSRF-Token with -H)
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local mode, lines, year
function init(args)
  mode = args[1]
  lines = {}
  for line in io.lines(args[2]) do lines[#lines + 1] = line end
  math.randomseed(7919 * (id or 1))
  year = tonumber(os.date("%Y"))
end

function request()
  local line = lines[math.random(#lines)]
  if mode == "names" then
    return wrk.format("GET", "/api/v1/audit/enterprises?q=" .. line)
  end
  local tax_code, search_id = line:match("^(%S+) (%S+)$")
  if mode == "search" then
    return wrk.format("GET", "/api/v1/audit/search?tax_code=" .. tax_code)
  end
  local body = string.format(
    '{"tax_code":"%s","place":"PREMISES","grounds":"RISK_MANAGEMENT","period_from":"%d-01-01",' ..
    '"period_to":"%d-12-31","search_id":"%s"}', tax_code, year - 2, year - 1, search_id)
  local headers = { ["Content-Type"] = "application/json" }
  for name, value in pairs(wrk.headers) do headers[name] = value end  -- the cookie and the CSRF token
  return wrk.format("POST", "/api/v1/audit/proposals", headers, body)
end
