#!/usr/bin/env python3
"""Legacy "Excel" exports as web DMS portals write them (docs/workbooks.md):

- dealers_portal_DLR001.xls: XML Spreadsheet 2003 (SpreadsheetML), UTF-8, a merged
  title row, Chinese headers on row 2, ss:Index skipping cells and rows, DateTime and
  Number cells, rich text (ss:Data with <Font>), a comment, an error cell, and a
  second worksheet with notes.
- repair_orders_portal_DLR001.xls: an HTML table saved as .xls, GBK with a <meta charset>,
  a title row, a layout table around the data table, entities, <br>, a colspan and a
  <script> in the head.

Plain Python, no packages: the bytes are written exactly as the portals write them.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

SPREADSHEETML = """<?xml version="1.0" encoding="UTF-8"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <DocumentProperties xmlns="urn:schemas-microsoft-com:office:office">
  <Author>DCS Portal</Author>
 </DocumentProperties>
 <Styles>
  <Style ss:ID="sDate"><NumberFormat ss:Format="yyyy\\-mm\\-dd"/></Style>
 </Styles>
 <Worksheet ss:Name="经销商清单">
  <Table ss:ExpandedColumnCount="9" ss:ExpandedRowCount="8" x:FullColumns="1" x:FullRows="1">
   <Row>
    <Cell ss:MergeAcross="8"><Data ss:Type="String">经销商清单 导出时间：2026-10-27 09:15</Data></Cell>
   </Row>
   <Row>
    <Cell><Data ss:Type="String">经销商代码</Data></Cell>
    <Cell><Data ss:Type="String">经销商名称</Data></Cell>
    <Cell><Data ss:Type="String">大区</Data></Cell>
    <Cell><Data ss:Type="String">小区</Data></Cell>
    <Cell><Data ss:Type="String">省份</Data></Cell>
    <Cell><Data ss:Type="String">城市</Data></Cell>
    <Cell><Data ss:Type="String">品牌</Data></Cell>
    <Cell><Data ss:Type="String">开业日期</Data></Cell>
    <Cell><Data ss:Type="String">status</Data></Cell>
   </Row>
   <Row>
    <Cell><Data ss:Type="String">001001</Data></Cell>
    <Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><Font html:Color="#FF0000">星辰</Font><Font>汽车 浦东店</Font></ss:Data><Comment ss:Author="admin"><ss:Data xmlns="http://www.w3.org/TR/REC-html40"><Font>旗舰店</Font></ss:Data></Comment></Cell>
    <Cell><Data ss:Type="String">华东</Data></Cell>
    <Cell><Data ss:Type="String">上海</Data></Cell>
    <Cell><Data ss:Type="String">上海</Data></Cell>
    <Cell><Data ss:Type="String">上海</Data></Cell>
    <Cell><Data ss:Type="String">Aurora</Data></Cell>
    <Cell ss:StyleID="sDate"><Data ss:Type="DateTime">2015-03-18T00:00:00.000</Data></Cell>
    <Cell><Data ss:Type="String">营业</Data></Cell>
   </Row>
   <Row>
    <Cell><Data ss:Type="String">001002</Data></Cell>
    <Cell><Data ss:Type="String">南方之星 广州店 &amp; 服务站</Data></Cell>
    <Cell><Data ss:Type="String">华南</Data></Cell>
    <Cell><Data ss:Type="String">广东</Data></Cell>
    <Cell><Data ss:Type="String">广东</Data></Cell>
    <Cell><Data ss:Type="Error">#N/A</Data></Cell>
    <Cell><Data ss:Type="String">Aurora</Data></Cell>
    <Cell ss:StyleID="sDate"><Data ss:Type="DateTime">2016-07-01T00:00:00.000</Data></Cell>
    <Cell><Data ss:Type="String">正常</Data></Cell>
   </Row>
   <Row ss:Index="6">
    <Cell><Data ss:Type="String">001003</Data></Cell>
    <Cell><Data ss:Type="String">北辰 北京店</Data></Cell>
    <Cell><Data ss:Type="String">华北</Data></Cell>
    <Cell ss:Index="7"><Data ss:Type="String">Aurora</Data></Cell>
    <Cell ss:StyleID="sDate"><Data ss:Type="DateTime">2018-01-09T00:00:00.000</Data></Cell>
   </Row>
   <Row>
    <Cell><Data ss:Type="String">001004</Data></Cell>
    <Cell><Data ss:Type="String">Closed &amp; Co. &lt;test&gt;</Data></Cell>
    <Cell><Data ss:Type="String">东北</Data></Cell>
    <Cell><Data ss:Type="String">辽宁</Data></Cell>
    <Cell><Data ss:Type="String">辽宁</Data></Cell>
    <Cell><Data ss:Type="String">沈阳</Data></Cell>
    <Cell><Data ss:Type="String">Aurora</Data></Cell>
    <Cell ss:StyleID="sDate"><Data ss:Type="DateTime">2012-12-31T00:00:00.000</Data></Cell>
    <Cell><Data ss:Type="String">停业</Data></Cell>
   </Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="说明">
  <Table>
   <Row><Cell><Data ss:Type="String">字段</Data></Cell><Cell><Data ss:Type="String">说明</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">开业日期</Data></Cell><Cell><Data ss:Type="Number">1</Data></Cell><Cell><Data ss:Type="Boolean">1</Data></Cell><Cell><Data ss:Type="Number">0.30000000000000004</Data></Cell></Row>
  </Table>
 </Worksheet>
</Workbook>
"""

HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>工单导出 <table></title>
<style>td { mso-number-format:"\\@"; } /* <td>not a cell</td> */</style>
<script type="text/javascript">var s = "<table><tr><td>not a cell</td></tr></table>";</script>
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>工单</x:Name></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->
</head>
<body>
<table width="100%"><tr><td>
<TABLE border=1 cellspacing=0>
<TR><TD colspan=10><B>维修工单导出</B>&nbsp;&nbsp;DLR001 2026-10</TD></TR>
<TR><TH>经销商代码</TH><TH>工单号</TH><TH>车架号</TH><TH>开单时间</TH><TH>竣工时间</TH><TH>进厂里程</TH><TH>工单类型</TH><TH>工单状态</TH><TH>返工</TH><TH>故障描述</TH></TR>
<tr><td>DLR001</td><td>RO-H-0001</td><td>LSVAM4183RN100000</td><td>2026-10-01 08:30:00</td><td>2026-10-01 16:45:30</td><td>10500</td><td>保养</td><td>已竣工</td><td>否</td><td>定期保养&#65292;更换机油</td>
<tr><td>DLR001<td>RO-H-0002<td>LSVAM4183RN100001<td>2026-10-02 09:00<td>&nbsp;<td>20,000<td>维修<td>在修<td>是<td>异响 &amp; 抖动<br>客户要求<br/>加急
<tr>
  <td> DLR001 </td>
  <td>RO-H-0003</td><td>LSVAM4183RN100002</td>
  <td>2026-10-03 10:15</td><td></td><td>abc</td><td>维修</td><td>在修</td><td>否</td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td>
</tr>
</TABLE>
</td></tr></table>
</body>
</html>
"""


def main():
    with open(os.path.join(HERE, "dealers_portal_DLR001.xls"), "w", encoding="utf-8") as f:
        f.write(SPREADSHEETML)
    with open(os.path.join(HERE, "repair_orders_portal_DLR001.xls"), "wb") as f:
        f.write(HTML.encode("gb18030"))


if __name__ == "__main__":
    main()
