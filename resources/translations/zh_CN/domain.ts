<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>Temperature {temperature} ℃ ≥ {threshold} ℃</source><translation>体温 {temperature} ℃ ≥ {threshold} ℃</translation></message>
<message><source>No temperature taken</source><translation>未测体温</translation></message>
<message><source>Health code is red</source><translation>健康码红码</translation></message>
<message><source>Health code is yellow</source><translation>健康码黄码</translation></message>
<message><source>Health code colour not confirmed</source><translation>健康码颜色未确认</translation></message>
<message><source>No health code checked</source><translation>未查验健康码</translation></message>
<message><source>Travel through a risk area</source><translation>行程含风险地区</translation></message>
<message><source>Nucleic-acid test older than {days} days</source><translation>核酸检测已超过 {days} 天</translation></message>
<message><source>Nucleic-acid test positive</source><translation>核酸检测阳性</translation></message>
<message><source>On the deny list</source><translation>在禁止通行名单中</translation></message>
<message><source>Invalid signature</source><translation>签名无效</translation></message>
<message><source>Signer not in the trust list</source><translation>签发方不在信任列表中</translation></message>
<message><source>Code has expired</source><translation>码已过期</translation></message>
<message><source>Code is not valid yet</source><translation>码尚未生效</translation></message>
<message><source>Pass has been revoked</source><translation>通行证已作废</translation></message>
<message><source>Pass has expired</source><translation>通行证已过期</translation></message>
<message><source>Code cannot be read</source><translation>无法识别该码</translation></message>
<message><source>Demo code (trusted in demo mode only)</source><translation>演示码（仅在演示模式下可信）</translation></message>
<message><source>Enter an ID number.</source><translation>请输入身份证号。</translation></message>
<message><source>An ID number has only digits and a final X.</source><translation>身份证号只能由数字和末位 X 组成。</translation></message>
<message><source>An ID number has 18 characters (or 15 for old ones), not {length}.</source><translation>身份证号应为 18 位（旧证 15 位），而不是 {length} 位。</translation></message>
<message><source>ID number region {region} is not a province code.</source><translation>身份证号地区码 {region} 不是有效的省级代码。</translation></message>
<message><source>ID number check character should be {expected}; please check the digits.</source><translation>身份证号校验位应为 {expected}，请核对号码。</translation></message>
<message><source>ID number birth date {digits} is not a real date.</source><translation>身份证号中的出生日期 {digits} 不是有效日期。</translation></message>
<message><source>ID number birth date {digits} is out of range.</source><translation>身份证号中的出生日期 {digits} 超出范围。</translation></message>
<message><source>Enter a phone number.</source><translation>请输入电话号码。</translation></message>
<message><source>Phone should be an 11-digit mobile or a landline with area code (0531-12345678).</source><translation>电话应为 11 位手机号或带区号的座机号（0531-12345678）。</translation></message>
<message><source>Leave out the extension: enter a number that can be called.</source><translation>请不要填写分机号，填写可直接拨通的号码。</translation></message>
<message><source>Enter a plate number.</source><translation>请输入车牌号。</translation></message>
<message><source>Plates do not use the letters I and O: did you mean 1 or 0?</source><translation>车牌不使用字母 I 和 O，是否应为 1 或 0？</translation></message>
<message><source>Plate should look like 鲁H12345 (new energy: 鲁HD12345); got {plate}.</source><translation>车牌格式应如 鲁H12345（新能源：鲁HD12345），输入的是 {plate}。</translation></message>
<message><source>Enter the temperature.</source><translation>请输入体温。</translation></message>
<message><source>Type the temperature like 36.5 or 365.</source><translation>请按 36.5 或 365 的格式输入体温。</translation></message>
<message><source>{value} is ambiguous: type the temperature with a point, like 36.5.</source><translation>{value} 有歧义，请带小数点输入体温，如 36.5。</translation></message>
<message><source>Temperature must be between {low} and {high} ℃; measure again.</source><translation>体温应在 {low} 到 {high} ℃ 之间，请重新测量。</translation></message>
<!-- domain/bounds.py (issue 13: values the hub refuses are refused at entry) -->
<message><source>Remove the control character U+{char} (pasted or scanned by mistake).</source><translation>请删除控制字符 U+{char}（多半是误粘贴或误扫入的）。</translation></message>
<message><source>{what} {value} is not a time between 1970 and 2200.</source><translation>{what} {value} 不是 1970 年至 2200 年之间的时间。</translation></message>
</context>
</TS>
