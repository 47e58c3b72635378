<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>Demo codes written to {path}</source><translation>演示码已写入 {path}</translation></message>
<message><source>Pass {pass_id} valid until {until}: {files}</source><translation>通行证 {pass_id} 有效期至 {until}：{files}</translation></message>
<message><source>Pass {pass_id} revoked.</source><translation>通行证 {pass_id} 已作废。</translation></message>
<message><source>green</source><translation>绿码</translation></message>
<message><source>yellow</source><translation>黄码</translation></message>
<message><source>red</source><translation>红码</translation></message>
<message><source>unverified (confirm the colour shown)</source><translation>未验证（请确认手机上显示的颜色）</translation></message>
<message><source>invalid</source><translation>无效</translation></message>
<message><source>expired</source><translation>已过期</translation></message>
<message><source>--at: {value} is not an ISO 8601 time.</source><translation>--at：{value} 不是 ISO 8601 时间。</translation></message>
<message><source>yes</source><translation>是</translation></message>
<message><source>no</source><translation>否</translation></message>
<message><source>Status: {status}</source><translation>状态：{status}</translation></message>
<message><source>Scheme: {scheme}</source><translation>类型：{scheme}</translation></message>
<message><source>Issuer: {issuer}</source><translation>签发方：{issuer}</translation></message>
<message><source>unknown</source><translation>未知</translation></message>
<message><source>Verified: {answer}</source><translation>已验证：{answer}</translation></message>
<message><source>Reason: {reason}</source><translation>原因：{reason}</translation></message>
<message><source>Subject: {subject}</source><translation>持码人：{subject}</translation></message>
<message><source>The trust list is empty: no signer is known.</source><translation>信任列表为空：没有已知的签发方。</translation></message>
<message><source>Imported {count} keys; the trust list now holds {total}.</source><translation>已导入 {count} 个密钥；信任列表现有 {total} 个。</translation></message>
<message><source>{count} keys, version {version}, updated {hours} hours ago</source><translation>{count} 个密钥，版本 {version}，{hours} 小时前更新</translation></message>
<message><source>No Chinese font found for the pass card. Install it with: {command}</source><translation>找不到可用于通行证的中文字体。请安装：{command}</translation></message>
<message><source>{path} is not a trust list.</source><translation>{path} 不是信任列表。</translation></message>
<message><source>The trust list {path} is damaged: {reason}</source><translation>信任列表 {path} 已损坏：{reason}</translation></message>
<message><source>Cannot read {path}: {reason}</source><translation>无法读取 {path}：{reason}</translation></message>
<message><source>{path} is neither a trust list nor an X.509 certificate.</source><translation>{path} 既不是信任列表，也不是 X.509 证书。</translation></message>
<message><source>Unknown kind of code</source><translation>无法识别的码类型</translation></message>
<message><source>Code text is damaged (Base45)</source><translation>码内容已损坏（Base45）</translation></message>
<message><source>Code content is damaged (compression)</source><translation>码内容已损坏（压缩）</translation></message>
<message><source>Code is too large</source><translation>码内容过大</translation></message>
<message><source>Code signature block is malformed</source><translation>码的签名结构有误</translation></message>
<message><source>Code content is malformed (CBOR)</source><translation>码内容格式有误（CBOR）</translation></message>
<message><source>Code content is incomplete or malformed</source><translation>码内容不完整或格式有误</translation></message>
<message><source>Signer may not sign this kind of code</source><translation>签发方无权签发此类码</translation></message>
<message><source>No pass {pass_id} here.</source><translation>本卡点没有通行证 {pass_id}。</translation></message>
<message><source>The pass needs the holder's name.</source><translation>通行证需要填写持证人姓名。</translation></message>
<message><source>Pass kind must be one of: {kinds}.</source><translation>通行证类别须为以下之一：{kinds}。</translation></message>
<message><source>A pass is valid for 1 to {days} days.</source><translation>通行证有效期为 1 至 {days} 天。</translation></message>
<message><source>Trust list updated {hours} hours ago</source><translation>信任列表 {hours} 小时前更新</translation></message>
</context>
</TS>
