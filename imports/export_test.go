package imports

import (
	"slices"
	"testing"
)

// TestExportHeaderImports: an export's header begins with the results import's column names, so
// an export imports again as past results.
func TestExportHeaderImports(t *testing.T) {
	want := []string{"轮次", "单位", "科室", "是否存在问题", "得分", "问题描述", "电话", "测评员"}
	if !slices.Equal(exportLead, want) {
		t.Errorf("the export begins %v, want %v", exportLead, want)
	}
	if got := exportRest[:2]; !slices.Equal(got, []string{"身份", "咨询事项"}) {
		t.Errorf("the persona and question columns are %v", got)
	}
}
