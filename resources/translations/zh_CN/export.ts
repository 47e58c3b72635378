<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>{rows} visits written to {path}</source><translation>已将 {rows} 条登记写入 {path}</translation></message>
<message><source>Name the file: export verify FILE.</source><translation>请指明文件：export verify 文件</translation></message>
<message><source>{path}: intact ({rows} visits, SHA-256 matches the manifest)</source><translation>{path}：完整未改动（{rows} 条登记，SHA-256 与清单一致）</translation></message>
<message><source>{path} is not intact: {reasons}</source><translation>{path} 不完整或已被改动：{reasons}</translation></message>
<message><source>{value} is not a day; write it as YYYY-MM-DD.</source><translation>{value} 不是有效日期，请写成 YYYY-MM-DD。</translation></message>
<message><source>{value} is not a shift id.</source><translation>{value} 不是有效的班次编号。</translation></message>
<message><source>Unexpected argument {value}; did you mean: export verify FILE?</source><translation>多余的参数 {value}；是否想用：export verify 文件？</translation></message>
<message><source>Say which format: --format csv|xlsx|pdf.</source><translation>请指定格式：--format csv|xlsx|pdf。</translation></message>
<message><source>Say which day: --day YYYY-MM-DD.</source><translation>请指定日期：--day YYYY-MM-DD。</translation></message>
<message><source>{path} is not a folder.</source><translation>{path} 不是文件夹。</translation></message>
<message><source>The export folder {path} is full; nothing was written. Free some space or choose another folder.</source><translation>导出文件夹 {path} 空间已满，未写入任何文件。请清理空间或选择其他文件夹。</translation></message>
<message><source>The export folder {path} is not writable ({reason}); nothing was written.</source><translation>导出文件夹 {path} 不可写入（{reason}），未写入任何文件。</translation></message>
<message><source>The export folder {path} does not exist. Plug in the USB stick or choose another folder.</source><translation>导出文件夹 {path} 不存在。请插入 U 盘或选择其他文件夹。</translation></message>
<message><source>Cannot write to the export folder {path}: {reason}; nothing was written.</source><translation>无法写入导出文件夹 {path}：{reason}，未写入任何文件。</translation></message>
<message><source>Say which day or which shift to export.</source><translation>请指定要导出的日期或班次。</translation></message>
<message><source>No shift {shift} in this database.</source><translation>数据库中没有班次 {shift}。</translation></message>
<message><source>Stop</source><translation>拦截</translation></message>
<message><source>{result}: {reasons}</source><translation>{result}：{reasons}</translation></message>
<message><source>Pass</source><translation>通行</translation></message>
<message><source>No.</source><translation>序号</translation></message>
<message><source>(no shift)</source><translation>（无班次）</translation></message>
<message><source>Date</source><translation>日期</translation></message>
<message><source>Time</source><translation>时间</translation></message>
<message><source>Direction</source><translation>方向</translation></message>
<message><source>Name</source><translation>姓名</translation></message>
<message><source>ID number</source><translation>身份证号</translation></message>
<message><source>Phone</source><translation>联系电话</translation></message>
<message><source>Plate</source><translation>车牌号</translation></message>
<message><source>Companions</source><translation>同行人数</translation></message>
<message><source>Temperature (℃)</source><translation>体温(℃)</translation></message>
<message><source>Health code</source><translation>健康码</translation></message>
<message><source>Travel code</source><translation>行程码</translation></message>
<message><source>Nucleic-acid test</source><translation>核酸检测</translation></message>
<message><source>Vaccine</source><translation>疫苗</translation></message>
<message><source>Purpose</source><translation>来访事由</translation></message>
<message><source>Destination</source><translation>去往地址</translation></message>
<message><source>Household's exits for today used up</source><translation>本户今日外出名额已用完</translation></message>
<message><source>Result</source><translation>结果</translation></message>
<message><source>Disposition</source><translation>处置</translation></message>
<message><source>Registered by</source><translation>登记人</translation></message>
<message><source>Note</source><translation>备注</translation></message>
<message><source>Cannot read {path}: {reason}</source><translation>无法读取 {path}：{reason}</translation></message>
<message><source>The export file is missing.</source><translation>导出文件不存在。</translation></message>
<message><source>The manifest beside the file is missing.</source><translation>文件旁的清单文件不存在。</translation></message>
<message><source>The manifest cannot be read.</source><translation>清单文件无法读取。</translation></message>
<message><source>The manifest belongs to another file.</source><translation>清单文件属于另一个文件。</translation></message>
<message><source>The file was changed after it was exported (SHA-256 differs).</source><translation>文件在导出后被改动过（SHA-256 不一致）。</translation></message>
<message><source>The file holds {found} visit rows; the manifest says {expected}.</source><translation>文件中有 {found} 条登记，清单记录为 {expected} 条。</translation></message>
<message><source>The file cannot be read as a ledger.</source><translation>该文件无法作为台账读取。</translation></message>
<message><source>No Chinese TrueType font was found, so the PDF uses the non-embedded font {font}; install the package {package} to embed one.</source><translation>未找到中文 TrueType 字体，PDF 使用未嵌入的字体 {font}；安装软件包 {package} 即可嵌入字体。</translation></message>
<message><source>Handed over by</source><translation>交班人</translation></message>
<message><source>Received by</source><translation>接班人</translation></message>
<message><source>Date and time</source><translation>交接时间</translation></message>
<message><source>{station} · {period} · page {page}</source><translation>{station} · {period} · 第 {page} 页</translation></message>
<message><source>Ledger</source><translation>台账</translation></message>
<message><source>Station</source><translation>卡点</translation></message>
<message><source>Period</source><translation>时段</translation></message>
<message><source>Day</source><translation>日期</translation></message>
<message><source>Shift</source><translation>班次</translation></message>
<message><source>Operators on duty</source><translation>值班人员</translation></message>
<message><source>Exported at</source><translation>导出时间</translation></message>
<message><source>ID numbers and phones</source><translation>身份证号与电话</translation></message>
<message><source>masked</source><translation>已脱敏</translation></message>
<message><source>NOT masked (supervisor export)</source><translation>未脱敏（主管导出）</translation></message>
<message><source>Counts</source><translation>统计</translation></message>
<message><source>Visits</source><translation>登记明细</translation></message>
<message><source>Number of visits</source><translation>登记人次</translation></message>
<message><source>In</source><translation>进</translation></message>
<message><source>Out</source><translation>出</translation></message>
<message><source>Stopped</source><translation>拦截</translation></message>
<message><source>Fever</source><translation>发热</translation></message>
<message><source>Visits per hour</source><translation>每小时登记人次</translation></message>
<message><source>Hour</source><translation>时段</translation></message>
<message><source>Visits per operator</source><translation>各登记人登记人次</translation></message>
<message><source>Operator</source><translation>登记人</translation></message>
<message><source>Stops per reason</source><translation>拦截原因统计</translation></message>
<message><source>Reason</source><translation>原因</translation></message>
<message><source>Dispositions</source><translation>处置统计</translation></message>
<message><source>Stops and their dispositions</source><translation>拦截记录及处置</translation></message>
<message><source>No visits on this day.</source><translation>当日无登记记录。</translation></message>
<message><source>No visits in this shift.</source><translation>本班次无登记记录。</translation></message>
<message><source>No one was stopped.</source><translation>无拦截记录。</translation></message>
<message><source>Stopped visitor</source><translation>拦截</translation></message>
<message><source>Highlighting</source><translation>颜色说明</translation></message>
<message><source>Green code</source><translation>绿码</translation></message>
<message><source>Yellow code</source><translation>黄码</translation></message>
<message><source>Red code</source><translation>红码</translation></message>
<message><source>Negative</source><translation>阴性</translation></message>
<message><source>Positive</source><translation>阳性</translation></message>
<message><source>Denied entry</source><translation>劝返</translation></message>
<message><source>Re-measured</source><translation>复测</translation></message>
<message><source>Referred to medical staff</source><translation>转医护</translation></message>
<message><source>Allowed by supervisor</source><translation>主管放行</translation></message>
<message><source>Nucleic-acid test too old</source><translation>核酸检测过期</translation></message>
<message><source>{doses} doses</source><translation>{doses} 针</translation></message>
<message><source>Passed a risk area</source><translation>途经风险地区</translation></message>
<message><source>No risk area</source><translation>无风险</translation></message>
<message><source>re-measured {temperature} ℃</source><translation>复测 {temperature} ℃</translation></message>
<message><source>; </source><translation>；</translation></message>
<message><source>Summary</source><translation>汇总</translation></message>
<message><source>Unknown format {format}: choose csv, xlsx or pdf.</source><translation>未知格式 {format}：请选择 csv、xlsx 或 pdf。</translation></message>
<message><source>PDF font: {font}</source><translation>PDF 字体：{font}</translation></message>
<message><source>The manifest is not signed, so it cannot be checked against the key.</source><translation>清单文件未签名，无法用密钥核验。</translation></message>
<message><source>The manifest's signature does not match the station's key.</source><translation>清单文件的签名与该卡点的密钥不符。</translation></message>
<message><source>The station key in {path} cannot be read: {reason}</source><translation>无法读取 {path} 中的卡点密钥：{reason}</translation></message>
<message><source>{path} is not an Ed25519 public key (PEM).</source><translation>{path} 不是 Ed25519 公钥（PEM 格式）。</translation></message>
</context>
</TS>
