package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/aquasecurity/trivy-db/pkg/db"
	"github.com/aquasecurity/trivy-db/pkg/metadata"
	"github.com/aquasecurity/trivy-db/pkg/types"
	bolt "go.etcd.io/bbolt"
	"gopkg.in/yaml.v3"
)

// advisoryFile is the fixture format (see test/harness/fixtures/advisories.yaml).
type advisoryFile struct {
	Vulnerabilities []fixtureVuln `yaml:"vulnerabilities"`
}

type fixtureVuln struct {
	ID          string            `yaml:"id"`
	Title       string            `yaml:"title"`
	Description string            `yaml:"description"`
	Severity    string            `yaml:"severity"`
	CVSS3       *fixtureCVSS      `yaml:"cvss3"`
	CWE         []string          `yaml:"cwe"`
	References  []string          `yaml:"references"`
	Published   string            `yaml:"published"`
	Advisories  []fixtureAdvisory `yaml:"advisories"`
}

type fixtureCVSS struct {
	Vector string  `yaml:"vector"`
	Score  float64 `yaml:"score"`
}

type fixtureAdvisory struct {
	Ecosystem  string   `yaml:"ecosystem"` // alpine, debian, npm, pip, go, ...
	Release    string   `yaml:"release"`   // OS release for OS ecosystems ("3.22", "13")
	Package    string   `yaml:"package"`   // source package name for OS ecosystems
	Fixed      string   `yaml:"fixed"`     // OS ecosystems: fixed version
	Status     string   `yaml:"status"`    // OS ecosystems without fix: affected, will_not_fix, fix_deferred, ...
	Vulnerable []string `yaml:"vulnerable"` // language ecosystems: vulnerable ranges
	Patched    []string `yaml:"patched"`    // language ecosystems: patched ranges
	Severity   string   `yaml:"severity"`   // optional per-advisory severity
}

// GHSA ecosystem names as trivy-db's ghsa source writes them.
var ghsaNames = map[string]string{
	"npm": "npm", "pip": "pip", "go": "Go", "maven": "Maven", "nuget": "NuGet",
	"rubygems": "RubyGems", "cargo": "Rust", "composer": "Composer", "pub": "Pub",
	"erlang": "Erlang", "swift": "Swift",
}

var osSources = map[string]types.DataSource{
	"alpine": {ID: "alpine", Name: "Alpine Secdb", URL: "https://secdb.alpinelinux.org/"},
	"debian": {ID: "debian", Name: "Debian Security Tracker", URL: "https://salsa.debian.org/security-tracker-team/security-tracker"},
	"ubuntu": {ID: "ubuntu", Name: "Ubuntu CVE Tracker", URL: "https://git.launchpad.net/ubuntu-cve-tracker"},
}

func bucketFor(a fixtureAdvisory) (string, types.DataSource, bool, error) {
	eco := strings.ToLower(a.Ecosystem)
	if src, ok := osSources[eco]; ok {
		if a.Release == "" {
			return "", src, true, fmt.Errorf("%s advisory for %s needs a release", eco, a.Package)
		}
		return eco + " " + a.Release, src, true, nil
	}
	if g, ok := ghsaNames[eco]; ok {
		src := types.DataSource{
			ID:   "ghsa",
			Name: "GitHub Security Advisory " + g,
			URL:  "https://github.com/advisories?query=type%3Areviewed+ecosystem%3A" + strings.ToLower(g),
		}
		return eco + "::" + src.Name, src, false, nil
	}
	return "", types.DataSource{}, false, fmt.Errorf("unknown ecosystem %q", a.Ecosystem)
}

func parseSeverity(s string) (types.Severity, error) {
	if s == "" {
		return types.SeverityUnknown, nil
	}
	return types.NewSeverity(strings.ToUpper(s))
}

func cmdTrivyDB(args []string) error {
	fs := flag.NewFlagSet("trivydb", flag.ExitOnError)
	fixtures := fs.String("fixtures", "", "advisories YAML file")
	out := fs.String("out", "", "output directory (trivy.db, metadata.json, db.tar.gz)")
	nextUpdate := fs.Duration("next-update", 24*365*time.Hour, "metadata NextUpdate offset from now")
	updatedAgo := fs.Duration("updated-ago", 0, "metadata UpdatedAt offset into the past")
	_ = fs.Parse(args)
	if *fixtures == "" || *out == "" {
		return fmt.Errorf("-fixtures and -out are required")
	}
	raw, err := os.ReadFile(*fixtures)
	if err != nil {
		return err
	}
	var file advisoryFile
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&file); err != nil {
		return fmt.Errorf("%s: %w", *fixtures, err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	dbPath := db.Path(*out)
	_ = os.Remove(dbPath)
	if err := db.Init(*out, db.WithBoltOptions(&bolt.Options{Timeout: 5 * time.Second})); err != nil {
		return err
	}
	dbc := db.Config{}
	err = dbc.BatchUpdate(func(tx *bolt.Tx) error { return putFixtures(dbc, tx, file) })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	meta := metadata.Metadata{
		Version:    db.SchemaVersion,
		NextUpdate: now.Add(*nextUpdate),
		UpdatedAt:  now.Add(-*updatedAgo),
	}
	if err := metadata.NewClient(*out).Update(meta); err != nil {
		return err
	}
	archive := filepath.Join(*out, "db.tar.gz")
	if err := writeTarGz(archive, *out, []string{"trivy.db", "metadata.json"}); err != nil {
		return err
	}
	fmt.Printf("trivy db schema %d with %d vulnerabilities written to %s\n", db.SchemaVersion, len(file.Vulnerabilities), archive)
	return nil
}

func putFixtures(dbc db.Config, tx *bolt.Tx, file advisoryFile) error {
	seen := map[string]bool{}
	for _, v := range file.Vulnerabilities {
		if v.ID == "" {
			return fmt.Errorf("vulnerability without id")
		}
		if seen[v.ID] {
			return fmt.Errorf("duplicate vulnerability %s", v.ID)
		}
		seen[v.ID] = true
		sev, err := parseSeverity(v.Severity)
		if err != nil {
			return fmt.Errorf("%s: %w", v.ID, err)
		}
		vendor := types.VendorSeverity{"nvd": sev}
		for _, a := range v.Advisories {
			bkt, src, isOS, err := bucketFor(a)
			if err != nil {
				return fmt.Errorf("%s: %w", v.ID, err)
			}
			if a.Package == "" {
				return fmt.Errorf("%s: advisory without package", v.ID)
			}
			if err := dbc.PutDataSource(tx, bkt, src); err != nil {
				return err
			}
			adv := types.Advisory{}
			if isOS {
				if a.Fixed == "" && a.Status == "" {
					return fmt.Errorf("%s/%s: an OS advisory needs fixed or status", v.ID, a.Package)
				}
				adv.FixedVersion = a.Fixed
				if a.Status != "" {
					adv.Status = types.NewStatus(a.Status)
					if adv.Status == types.StatusUnknown && a.Status != "unknown" {
						return fmt.Errorf("%s/%s: unknown status %q", v.ID, a.Package, a.Status)
					}
				}
			} else {
				if len(a.Vulnerable) == 0 && len(a.Patched) == 0 {
					return fmt.Errorf("%s/%s: a language advisory needs vulnerable or patched ranges", v.ID, a.Package)
				}
				adv.VulnerableVersions = a.Vulnerable
				adv.PatchedVersions = a.Patched
			}
			if a.Severity != "" {
				s, err := parseSeverity(a.Severity)
				if err != nil {
					return fmt.Errorf("%s/%s: %w", v.ID, a.Package, err)
				}
				adv.Severity = s
			}
			if err := dbc.PutAdvisory(tx, []string{bkt, a.Package}, v.ID, &adv); err != nil {
				return err
			}
			vendor[src.ID] = sev
		}
		vuln := types.Vulnerability{
			Title:          v.Title,
			Description:    v.Description,
			Severity:       sev.String(),
			CweIDs:         v.CWE,
			VendorSeverity: vendor,
			References:     v.References,
		}
		if v.CVSS3 != nil {
			vuln.CVSS = types.VendorCVSS{"nvd": {V3Vector: v.CVSS3.Vector, V3Score: v.CVSS3.Score}}
		}
		if v.Published != "" {
			t, err := time.Parse("2006-01-02", v.Published)
			if err != nil {
				return fmt.Errorf("%s: published: %w", v.ID, err)
			}
			vuln.PublishedDate = &t
			vuln.LastModifiedDate = &t
		}
		if err := dbc.PutVulnerability(tx, v.ID, vuln); err != nil {
			return err
		}
		if err := dbc.PutVulnerabilityID(tx, v.ID); err != nil {
			return err
		}
	}
	return nil
}

// writeTarGz writes the named files of dir into a gzip tarball with fixed headers.
func writeTarGz(dst, dir string, names []string) error {
	f, err := os.Create(dst)
	if err != nil {
		return err
	}
	defer f.Close()
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	sort.Strings(names)
	for _, n := range names {
		src, err := os.Open(filepath.Join(dir, n))
		if err != nil {
			return err
		}
		st, err := src.Stat()
		if err != nil {
			src.Close()
			return err
		}
		hdr := &tar.Header{Name: n, Mode: 0o644, Size: st.Size(), ModTime: time.Unix(0, 0), Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			src.Close()
			return err
		}
		if _, err := io.Copy(tw, src); err != nil {
			src.Close()
			return err
		}
		src.Close()
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return err
	}
	return f.Close()
}
