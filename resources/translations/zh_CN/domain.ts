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
</context>
</TS>
